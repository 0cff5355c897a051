"""Long English texts of the reports, in one place: the report shows them through
language.tr, and catalogue_fi.py holds their Finnish translations keyed by them."""

INTRODUCTION = """<p>This report compares {arms} policy designs (<em>arms</em>), simulated by the Kokeilu
labour-market engine on the same population ({population}) under the same labour market.
The baseline arm, <strong>{baseline}</strong>, is what would have happened without a pilot;
each other arm runs its pilot design over the same <span class="pilot">pilot period</span>, from
{pilot} (weeks {first_week}\u2013{last_week}),
followed by {follow_up} weeks of follow-up to {end}. The whole
simulation runs {weeks} weeks from {start}.</p>
{{TABLE}}
<p>Each arm was simulated {replications} times (<em>replications</em>). Replication r uses the
same random numbers in every arm, so the <em>effect</em> of an arm is its difference from the
baseline within each replication, averaged over the replications. Intervals are 95 % intervals of
that average across the {replications} replications (t distribution, {degrees}).
{interval_note}</p>
<p>Shares are of the group's persons: levels are shown in per cent, effects in percentage points
(pp). Euros are per week unless said to be cumulative. Effects are written "mean [low, high]".</p>"""
