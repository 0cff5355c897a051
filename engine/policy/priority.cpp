#include "policy/priority.hpp"

#include <algorithm>
#include <tuple>

namespace kokeilu::policy {

bool PriorityOrder::operator()(std::uint32_t a, std::uint32_t b) const {
  const int barrier_a = (p_.client_flags[a] & population::kBarrierKnown) ? 1 : 0;
  const int barrier_b = (p_.client_flags[b] & population::kBarrierKnown) ? 1 : 0;
  const int spell_a = p_.spell_weeks[a], spell_b = p_.spell_weeks[b];
  // Smaller key first; waiting_since and the index break ties.
  switch (rule_) {
    case scenario::PriorityRule::longest_spell_first:
      return std::tuple(-spell_a, p_.waiting_since[a], a) < std::tuple(-spell_b, p_.waiting_since[b], b);
    case scenario::PriorityRule::most_barriers_first:
      return std::tuple(-barrier_a, -spell_a, p_.waiting_since[a], a) <
             std::tuple(-barrier_b, -spell_b, p_.waiting_since[b], b);
    case scenario::PriorityRule::first_referred_first: {
      // A queue served in turn: the spell decides nothing. Persons waiting for a placed service
      // count from their referral; the coach's candidates (waiting for none) from becoming clients.
      const auto since = [&](std::uint32_t i) { return p_.waiting_for[i] != 0 ? p_.waiting_since[i] : p_.client_since[i]; };
      return std::tuple(since(a), a) < std::tuple(since(b), b);
    }
    case scenario::PriorityRule::closest_to_labour_market_first:
      return std::tuple(barrier_a, spell_a, p_.waiting_since[a], a) <
             std::tuple(barrier_b, spell_b, p_.waiting_since[b], b);
  }
  return a < b;
}

std::size_t select_first(std::vector<std::uint32_t>& waiting, std::size_t places, scenario::PriorityRule rule,
                         const population::People& people) {
  const std::size_t n = std::min(places, waiting.size());
  const PriorityOrder order(rule, people);
  std::partial_sort(waiting.begin(), waiting.begin() + static_cast<std::ptrdiff_t>(n), waiting.end(), order);
  return n;
}

}  // namespace kokeilu::policy
