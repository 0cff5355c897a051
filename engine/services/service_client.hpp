#pragma once
// Who is a client, and of which organiser.
//
// A client relation belongs to a spell out of work: the baseline process (the TE office) takes
// in an unemployed person who meets its target, and the relation ends when the person leaves
// unemployment and services (employed, inactive, out of the population). A later spell starts a
// new relation, so `client_since`, the assessment and the coach's wait count from it.
//
// While a pilot is in force, the unemployed who meet its target move to it (its stock in its
// first week if the design takes in its stock, later its inflow); the TE office goes on serving
// everyone else. When the pilot ends its clients move back. A person who changes organiser
// keeps what they have unless the design says otherwise (DesignSpec::on_transfer).
#include "policy/target.hpp"
#include "services/module_hooks.hpp"
#include "services/service_week.hpp"

namespace kokeilu::services {

/// What a change of organiser does to a person's services, as the design states.
inline void transfer(population::People& p, std::size_t i, scenario::OnTransfer how, int week) {
  if (how == scenario::OnTransfer::keep) return;
  set_flag(p, i, population::kAssessed, false);  // the new organiser assesses anew
  p.client_since[i] = static_cast<std::uint16_t>(week);  // and counts its assessment timing from now
  if (how == scenario::OnTransfer::restart) {
    end_module_relations(p, i);
    p.waiting_for[i] = 0;
  }
}

/// Ends a person's client relation: they left unemployment and services.
inline void end_relation(population::People& p, std::size_t i) {
  set_flag(p, i, population::kClient, false);
  set_flag(p, i, population::kPilotClient, false);
  set_flag(p, i, population::kAssessed, false);
  end_module_relations(p, i);
  p.waiting_for[i] = 0;
}

/// Does unemployed person i join `plan` this week? `starts`: the plan's first week.
inline bool joins(const ServicePlan& plan, bool starts, const population::People& p, std::size_t i, int age_years,
                  int week) {
  const auto& design = *plan.design;
  // Without stock intake, only spells begun after the design came into force join.
  const bool may_join = starts ? design.stock_at_start
                               : design.inflow && (design.stock_at_start || p.spell_weeks[i] < week - plan.first_week);
  return may_join && policy::matches(design.target, p, i, age_years);
}

/// Updates person i's relation at the start of the week. Returns true when the person became a
/// client of the pilot this week.
inline bool update_client(population::People& p, std::size_t i, int age_years, const ServiceWeek& sw) {
  if (sw.handing_back != nullptr && has_flag(p, i, population::kPilotClient)) {
    set_flag(p, i, population::kPilotClient, false);  // back to the TE office
    transfer(p, i, sw.handing_back->design->on_transfer, sw.week);
  }
  if (p.status[i] != static_cast<std::uint8_t>(Status::unemployed)) return false;
  // The one place that decides who becomes the pilot's client: outside its area, nobody.
  if (sw.pilot != nullptr && !has_flag(p, i, population::kPilotClient) && sw.pilot->covers(p.municipality[i]) &&
      joins(*sw.pilot, sw.pilot_starts, p, i, age_years, sw.week)) {
    if (has_flag(p, i, population::kClient)) {
      transfer(p, i, sw.pilot->design->on_transfer, sw.week);
    } else {
      set_flag(p, i, population::kClient, true);
      p.client_since[i] = static_cast<std::uint16_t>(sw.week);
    }
    set_flag(p, i, population::kPilotClient, true);
    set_flag(p, i, population::kEverPilotClient, true);
    return true;
  }
  if (!has_flag(p, i, population::kClient) && joins(*sw.baseline, sw.week == 0, p, i, age_years, sw.week)) {
    set_flag(p, i, population::kClient, true);
    p.client_since[i] = static_cast<std::uint16_t>(sw.week);
  }
  return false;
}

}  // namespace kokeilu::services
