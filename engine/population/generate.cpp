#include "population/generate.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <vector>

#include "core/calendar.hpp"
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
    offsets.push_back(offsets.back() + static_cast<std::size_t>(spec.persons_ever(m)));
  return offsets;
}

People generate_population(const scenario::ScenarioSpec& spec, std::uint64_t seed) {
  const auto offsets = municipality_offsets(spec);
  if (offsets.back() >= std::numeric_limits<std::uint32_t>::max())
    throw InputError("population of " + std::to_string(offsets.back()) +
                     " persons exceeds the engine's limit of 2^32 - 1");
  People people;
  people.resize(offsets.back());
  const int start_year = static_cast<int>(spec.run.history_start.year());

  for (std::size_t m = 0; m < spec.municipalities.size(); ++m) {
    const auto& muni = spec.municipalities[m];
    std::vector<double> age_weights, spell_weights;
    for (const auto& a : muni.age_shares) age_weights.push_back(a.share);
    for (const auto& s : muni.initial_spell_shares) spell_weights.push_back(s.share);

    // The persons of working age at the history start, then each later year's entrants.
    const std::size_t entrants_begin = offsets[m] + static_cast<std::size_t>(muni.working_age_persons);
    int entry_year = start_year + 1;
    std::size_t year_end = entrants_begin + static_cast<std::size_t>(muni.entrants_in(entry_year));
    for (std::size_t i = offsets[m]; i < offsets[m + 1]; ++i) {
      PersonDraws draws(seed, static_cast<std::uint32_t>(i));
      people.municipality[i] = static_cast<MunicipalityIndex>(m);
      const bool entrant = i >= entrants_begin;
      int age = 15;
      if (entrant) {
        while (i >= year_end) year_end += static_cast<std::size_t>(muni.entrants_in(++entry_year));
        people.birth_year[i] = static_cast<std::uint16_t>(entry_year - 15);  // turns 15 in entry_year
      } else {
        const auto& ages = muni.age_shares[random::categorical(draws.word(), age_weights)];
        age = uniform_int(draws, ages.min_age, ages.max_age + 1);
        people.birth_year[i] = static_cast<std::uint16_t>(start_year - age);
      }
      people.female[i] = draws.uniform() < muni.female_share;
      people.education[i] = static_cast<std::uint8_t>(draw_index(draws, muni.education_shares));
      people.foreign_language[i] = draws.uniform() < muni.foreign_language_share;
      people.barrier[i] = draws.uniform() < muni.barrier_share;
      people.fund_member[i] = draws.uniform() < muni.fund_member_share;
      people.employability[i] = 1.0f;
      people.benefit[i] = static_cast<std::uint8_t>(Benefit::none);
      if (entrant) {
        // Outside the population until the year they turn 15; they enter out of the labour
        // force (at school), with no work history (the kernel's entry step).
        people.status[i] = kOutsidePopulation;
        continue;
      }

      const auto status = static_cast<Status>(draw_index(draws, muni.initial_status_shares));
      people.status[i] = static_cast<std::uint8_t>(status);
      // (approx.) years in work so far: 80 % of the years since 18 for the employed, 40 % for
      // others; it decides the 300/400-day maximum from 2017.
      const double working_years = std::max(0, age - 18) * (status == Status::employed ? 0.8 : 0.4);
      people.work_history_weeks[i] = clamp16(working_years * 52.0);

      if (status == Status::unemployed) {
        const auto& spell = muni.initial_spell_shares[random::categorical(draws.word(), spell_weights)];
        const int weeks = uniform_int(draws, spell.min_weeks, spell.max_weeks);
        people.spell_weeks[i] = clamp16(weeks);
        people.jobless_weeks[i] = people.spell_weeks[i];  // (approx.) earlier services unknown
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
        people.jobless_weeks[i] = people.spell_weeks[i];
        if (status == Status::employed)
          people.work_weeks_since_claim[i] = static_cast<std::uint16_t>(uniform_int(draws, 0, 260));
      }
    }
  }
  return people;
}

PopulationWeeks population_weeks(const scenario::ScenarioSpec& spec, const People& people) {
  const Calendar calendar(spec.run.start, spec.run.end);
  const int weeks = calendar.weeks();
  const int retirement = spec.behaviour.retirement_age_years;
  std::vector<int> year_of_week(static_cast<std::size_t>(weeks));
  for (int w = 0; w < weeks; ++w) year_of_week[static_cast<std::size_t>(w)] = calendar.year_of_week(w);
  PopulationWeeks span{std::vector<std::int32_t>(people.size(), -1), std::vector<std::int32_t>(people.size(), -1)};
  // Weeks are in calendar order, so a person's weeks in the population are one interval, and
  // it depends on the year of birth only: found once per year of birth, not once per person.
  struct Interval {
    int entry = -1, exit = -1;
    bool known = false;
  };
  std::vector<Interval> by_birth_year(std::numeric_limits<std::uint16_t>::max() + 1);
  for (std::size_t i = 0; i < people.size(); ++i) {
    const int born = people.birth_year[i];
    // A person outside at the start who is already past 15 has left (retired) for good.
    const bool left = people.status[i] == kOutsidePopulation && weeks > 0 && year_of_week[0] - born >= 15;
    if (left) continue;
    auto& interval = by_birth_year[static_cast<std::size_t>(born)];
    if (!interval.known) {
      int entry = -1, exit = weeks;
      for (int w = 0; w < weeks; ++w) {
        const int age = year_of_week[static_cast<std::size_t>(w)] - born;
        if (entry < 0 && age >= 15 && age < retirement) entry = w;
        if (entry >= 0 && age >= retirement) {
          exit = w;
          break;
        }
      }
      interval = {entry, exit, true};
    }
    if (interval.entry < 0) continue;
    span.entry_week[i] = interval.entry;
    span.exit_week[i] = interval.exit;
  }
  return span;
}

}  // namespace kokeilu::population
