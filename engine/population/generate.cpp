#include "population/generate.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <vector>

#include "core/errors.hpp"
#include "random/distributions.hpp"
#include "random/philox.hpp"

namespace kokeilu::population {

namespace {

/// Draws uniforms for one person, four per Philox block, in a fixed order.
class PersonDraws {
 public:
  PersonDraws(std::uint64_t seed, std::uint32_t person) : seed_(seed), person_(person) {}
  double uniform() {
    if (used_ == 4) refill();
    return random::uniform01(block_[used_++]);
  }
  std::uint32_t word() {
    if (used_ == 4) refill();
    return block_[used_++];
  }

 private:
  void refill() {
    block_ = random::philox_block(seed_, person_, next_block_++, random::Purpose::population, 0);
    used_ = 0;
  }
  std::uint64_t seed_;
  std::uint32_t person_;
  std::uint32_t next_block_ = 0;
  random::Block block_{};
  int used_ = 4;
};

template <std::size_t N>
int draw_index(PersonDraws& draws, const std::array<double, N>& shares) {
  return random::categorical(draws.word(), std::span<const double>(shares.data(), N));
}

int uniform_int(PersonDraws& draws, int lo, int hi_exclusive) {
  const int span = hi_exclusive - lo;
  return lo + std::min(span - 1, static_cast<int>(draws.uniform() * span));
}

std::uint16_t clamp16(double v) {
  return static_cast<std::uint16_t>(std::clamp(v, 0.0, 65535.0));
}

}  // namespace

std::vector<std::size_t> municipality_offsets(const scenario::ScenarioSpec& spec) {
  std::vector<std::size_t> offsets{0};
  for (const auto& m : spec.municipalities)
    offsets.push_back(offsets.back() + static_cast<std::size_t>(m.working_age_persons));
  return offsets;
}

People generate_population(const scenario::ScenarioSpec& spec, std::uint64_t seed) {
  const auto offsets = municipality_offsets(spec);
  if (offsets.back() >= std::numeric_limits<std::uint32_t>::max())
    throw InputError("population of " + std::to_string(offsets.back()) +
                     " persons exceeds the engine's limit of 2^32 - 1");
  People people;
  people.resize(offsets.back());
  const int start_year = static_cast<int>(spec.run.start.year());

  for (std::size_t m = 0; m < spec.municipalities.size(); ++m) {
    const auto& muni = spec.municipalities[m];
    std::vector<double> age_weights, spell_weights;
    for (const auto& a : muni.age_shares) age_weights.push_back(a.share);
    for (const auto& s : muni.initial_spell_shares) spell_weights.push_back(s.share);

    for (std::size_t i = offsets[m]; i < offsets[m + 1]; ++i) {
      PersonDraws draws(seed, static_cast<std::uint32_t>(i));
      people.municipality[i] = static_cast<std::uint8_t>(m);

      const auto& ages = muni.age_shares[random::categorical(draws.word(), age_weights)];
      const int age = uniform_int(draws, ages.min_age, ages.max_age + 1);
      people.birth_year[i] = static_cast<std::uint16_t>(start_year - age);
      people.female[i] = draws.uniform() < muni.female_share;
      people.education[i] = static_cast<std::uint8_t>(draw_index(draws, muni.education_shares));
      people.foreign_language[i] = draws.uniform() < muni.foreign_language_share;
      people.barrier[i] = draws.uniform() < muni.barrier_share;
      people.fund_member[i] = draws.uniform() < muni.fund_member_share;
      people.employability[i] = 1.0f;

      const auto status = static_cast<Status>(draw_index(draws, muni.initial_status_shares));
      people.status[i] = static_cast<std::uint8_t>(status);
      // (approx.) years in work so far: 80 % of the years since 18 for the employed, 40 % for
      // others; it decides the 300/400-day maximum from 2017.
      const double working_years = std::max(0, age - 18) * (status == Status::employed ? 0.8 : 0.4);
      people.work_history_weeks[i] = clamp16(working_years * 52.0);
      people.benefit[i] = static_cast<std::uint8_t>(Benefit::none);

      if (status == Status::unemployed) {
        const auto& spell = muni.initial_spell_shares[random::categorical(draws.word(), spell_weights)];
        const int weeks = uniform_int(draws, spell.min_weeks, spell.max_weeks);
        people.spell_weeks[i] = clamp16(weeks);
        const auto benefit = static_cast<Benefit>(draw_index(draws, muni.initial_benefit_shares));
        people.benefit[i] = static_cast<std::uint8_t>(benefit);
        // Days used so far: the spell's benefit days (5 a week). A subsidy recipient's count
        // starts from this spell only: earlier spells are not known (an underestimate).
        const int days = weeks * spec.benefits.benefit_days_per_week;
        if (benefit == Benefit::labour_market_subsidy) people.subsidy_days[i] = clamp16(days);
        else people.earnings_related_days[i] = clamp16(std::min(days, 499));
      } else {
        // Weeks in the current job or out of the labour force: up to five years (approx.).
        people.spell_weeks[i] = static_cast<std::uint16_t>(uniform_int(draws, 0, 260));
        if (status == Status::employed)
          people.work_weeks_since_claim[i] = static_cast<std::uint16_t>(uniform_int(draws, 0, 260));
      }
    }
  }
  return people;
}

}  // namespace kokeilu::population
