#pragma once
// Our own distributions over 32-bit words: std:: distributions differ between standard
// libraries, and results must be the same bits everywhere. Each function documents exactly how
// it maps words to values; tests pin known outputs.
#include <cstdint>
#include <span>

namespace kokeilu::random {

/// Uniform on the open interval (0, 1): (x + 0.5) / 2^32. Never 0 or 1, so log() is safe.
/// Resolution 2^-32, enough for weekly hazards down to 1e-9.
inline double uniform01(std::uint32_t x) { return (static_cast<double>(x) + 0.5) * 0x1p-32; }

/// Exponential with rate `rate` (> 0) by inversion: -log(u) / rate.
double exponential(std::uint32_t x, double rate);

/// Standard normal by Box-Muller (cosine branch) from two words.
double standard_normal(std::uint32_t x1, std::uint32_t x2);

/// Index i with probability weights[i] / sum(weights), by inversion of the cumulative sum in
/// index order. Weights must be non-negative with a positive sum; returns the last index with
/// positive weight if rounding leaves u beyond the total.
int categorical(std::uint32_t x, std::span<const double> weights);

}  // namespace kokeilu::random
