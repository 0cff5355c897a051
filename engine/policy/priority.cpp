#include "policy/priority.hpp"

#include <algorithm>
#include <limits>
#include <tuple>
#include <type_traits>

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

namespace {

using population::People;
using scenario::PriorityRule;

// The fields' widths. A wider column must widen its field here: the static_asserts stop the build
// rather than let a key cut off high bits.
using Week = std::uint16_t;
static_assert(std::is_same_v<decltype(People::spell_weeks)::value_type, Week>);
static_assert(std::is_same_v<decltype(People::waiting_since)::value_type, Week>);
static_assert(std::is_same_v<decltype(People::client_since)::value_type, Week>);
constexpr int kWeekBits = std::numeric_limits<Week>::digits;
constexpr std::uint64_t kMaxWeek = std::numeric_limits<Week>::max();
constexpr int kPersonBits = std::numeric_limits<std::uint32_t>::digits;

/// Bits of a rule's fields (its tuple less the person).
template <PriorityRule Rule>
constexpr int kFieldBits = Rule == PriorityRule::longest_spell_first    ? 2 * kWeekBits
                           : Rule == PriorityRule::first_referred_first ? kWeekBits
                                                                        : 1 + 2 * kWeekBits;
/// The narrowest key a rule fits in: 64 bits when it can (fewer instructions to compare and move).
template <PriorityRule Rule>
using KeyOf = std::conditional_t<kFieldBits<Rule> + kPersonBits <= 64, std::uint64_t, PriorityKey>;

/// The key of PriorityOrder's tuple for `Rule`: a negated field (-spell) is stored as
/// kMaxWeek - spell, which orders the same way and stays non-negative.
template <PriorityRule Rule>
KeyOf<Rule> key_of(const People& p, std::uint32_t i) {
  static_assert(kFieldBits<Rule> <= 64 && kFieldBits<Rule> + kPersonBits <= 128, "the fields do not fit the key");
  const std::uint64_t barrier = (p.client_flags[i] & population::kBarrierKnown) ? 1 : 0;
  const std::uint64_t spell = p.spell_weeks[i];
  const std::uint64_t since = p.waiting_since[i];
  std::uint64_t fields = 0;
  if constexpr (Rule == PriorityRule::longest_spell_first) {
    fields = (kMaxWeek - spell) << kWeekBits | since;
  } else if constexpr (Rule == PriorityRule::most_barriers_first) {
    fields = (1 - barrier) << (2 * kWeekBits) | (kMaxWeek - spell) << kWeekBits | since;
  } else if constexpr (Rule == PriorityRule::first_referred_first) {
    fields = p.waiting_for[i] != 0 ? since : std::uint64_t{p.client_since[i]};
  } else {
    static_assert(Rule == PriorityRule::closest_to_labour_market_first);
    fields = barrier << (2 * kWeekBits) | spell << kWeekBits | since;
  }
  return KeyOf<Rule>{fields} << kPersonBits | i;
}

/// std::partial_sort(keys, n) with the same result, rest included, in fewer instructions. Its
/// selection (libstdc++'s __heap_select) walks the rest in order and swaps in the heap's largest
/// key wherever a smaller key comes; which key that is depends on the set of keys in the heap,
/// not on their arrangement, so any max-heap leaves the rest as it does. Its sort_heap of the
/// first n is replaced by std::sort: a total order has one sorted arrangement.
template <class Key>
void partial_sort_keys(std::vector<Key>& keys, std::size_t n) {
  const auto first = keys.begin(), middle = first + static_cast<std::ptrdiff_t>(n), last = keys.end();
  if (keys.size() - n <= 1) {
    std::sort(first, last);  // the rest, if any, is the largest key
  } else if (n == 0) {
    // With an empty heap libstdc++ still swaps smaller keys to the front: keep its moves.
    std::partial_sort(first, middle, last);
  } else {
    std::make_heap(first, middle);
    for (auto i = middle; i != last; ++i)
      if (*i < *first) {
        std::pop_heap(first, middle);
        std::iter_swap(middle - 1, i);
        std::push_heap(first, middle);
      }
    std::sort(first, middle);
  }
}

template <PriorityRule Rule>
void select_by_key(std::vector<std::uint32_t>& waiting, std::size_t n, const People& p) {
  std::vector<KeyOf<Rule>> keys(waiting.size());
  for (std::size_t j = 0; j < waiting.size(); ++j) keys[j] = key_of<Rule>(p, waiting[j]);
  partial_sort_keys(keys, n);
  for (std::size_t j = 0; j < keys.size(); ++j) waiting[j] = static_cast<std::uint32_t>(keys[j]);
}

}  // namespace

PriorityKey priority_key(PriorityRule rule, const People& people, std::uint32_t i) {
  switch (rule) {
    case PriorityRule::longest_spell_first: return key_of<PriorityRule::longest_spell_first>(people, i);
    case PriorityRule::most_barriers_first: return key_of<PriorityRule::most_barriers_first>(people, i);
    case PriorityRule::first_referred_first: return key_of<PriorityRule::first_referred_first>(people, i);
    case PriorityRule::closest_to_labour_market_first:
      return key_of<PriorityRule::closest_to_labour_market_first>(people, i);
  }
  return i;
}

std::size_t select_first(std::vector<std::uint32_t>& waiting, std::size_t places, PriorityRule rule,
                         const People& people) {
  const std::size_t n = std::min(places, waiting.size());
  // One key per person, read once, instead of five columns read at random per comparison; the
  // keys compare as PriorityOrder does, a total order.
  switch (rule) {
    case PriorityRule::longest_spell_first: select_by_key<PriorityRule::longest_spell_first>(waiting, n, people); break;
    case PriorityRule::most_barriers_first: select_by_key<PriorityRule::most_barriers_first>(waiting, n, people); break;
    case PriorityRule::first_referred_first: select_by_key<PriorityRule::first_referred_first>(waiting, n, people); break;
    case PriorityRule::closest_to_labour_market_first:
      select_by_key<PriorityRule::closest_to_labour_market_first>(waiting, n, people);
      break;
    default:  // not a rule (a validated scenario has none): PriorityOrder's fallback, index order
      std::partial_sort(waiting.begin(), waiting.begin() + static_cast<std::ptrdiff_t>(n), waiting.end());
  }
  return n;
}

}  // namespace kokeilu::policy
