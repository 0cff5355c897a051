"""Finnish labels of the report (`report --lang fi`), keyed by the English text they replace.
A key missing here shows in English; tests/test_language.py lists every literal the code passes
to `tr` and fails if one has no Finnish entry."""

from .texts import INTRODUCTION as INTRODUCTION_EN  # the English text the Finnish translates


INTRODUCTION_FI = """<p>Raportti vertaa {arms} politiikkamallia (<em>vaihtoehtoa</em>), jotka Kokeilu-työmarkkinamalli
on simuloinut samalle väestölle ({population}) samoilla työmarkkinoilla. Perusura,
<strong>{baseline}</strong>, kuvaa tilannetta ilman kokeilua; kukin muu vaihtoehto toteuttaa kokeilumallinsa
samalla <span class="pilot">kokeilukaudella</span> {pilot} (viikot {first_week}\u2013{last_week}),
minkä jälkeen seurataan {follow_up} viikkoa {end} asti. Koko simulointi kestää {weeks} viikkoa
alkaen {start}.</p>
{{TABLE}}
<p>Kukin vaihtoehto simuloitiin {replications} kertaa (<em>toistot</em>). Toisto r käyttää samoja
satunnaislukuja joka vaihtoehdossa, joten vaihtoehdon <em>vaikutus</em> on sen ero perusuraan kunkin
toiston sisällä, keskiarvona toistoista. Välit ovat tämän keskiarvon 95 %:n välejä {replications}
toiston yli (t-jakauma, {degrees}). {interval_note}</p>
<p>Osuudet ovat ryhmän henkilöistä: tasot prosentteina, vaikutukset prosenttiyksikköinä (%-yks.).
Eurot ovat viikossa, ellei toisin sanota. Vaikutukset muodossa "keskiarvo [alaraja, yläraja]".</p>"""

FINNISH = {
    # ------------------------------------------------------------------ headings and table heads
    "Kokeilu comparison": "Kokeilu-vertailu",
    "Kokeilu run": "Kokeilu-ajo",
    # ------------------------------------------------------------------ the sweep report
    "Kokeilu sweep: {name}": "Kokeilu-parametriajo: {name}",
    "From {file}, written {created} by Kokeilu {version}.":
        "Tiedostosta {file}, jonka Kokeilu {version} kirjoitti {created}.",
    "{points} points ({design}) of the comparison {comparison}, each {arms} arms x "
    "{replications} replications with the comparison's seed. Effects are against the "
    "baseline arm {baseline}: mean over replications with its 95 % interval, for everyone "
    "in the region. Shares are in percentage points, costs in euros per week.":
        "{points} parametripistettä ({design}) vertailusta {comparison}; kussakin {arms} vaihtoehtoa x "
        "{replications} toistoa vertailun siemenluvulla. Vaikutukset ovat eroja perusuraan {baseline}: "
        "keskiarvo toistoista ja sen 95 %:n väli, koko alueen väestölle. Osuudet ovat "
        "prosenttiyksiköitä, kustannukset euroja viikossa.",
    "At the end of the pilot": "Kokeilun päättyessä",
    "At the end of follow-up": "Seurannan päättyessä",
    "effects against the swept parameters": "vaikutukset parametrien arvojen mukaan",
    "Points": "Parametripisteet",
    "point": "piste",
    "Tables": "Taulukot",
    "each point's value of each swept parameter (parameter_j and its key path)":
        "kunkin pisteen kunkin parametrin arvo (parameter_j ja sen avainpolku)",
    "each point's effects of each arm for every group and metric, with 95 % intervals":
        "kunkin pisteen kunkin vaihtoehdon vaikutukset kaikille ryhmille ja mittareille 95 %:n väleineen",
    "From {file}, written {created} by Kokeilu {version}. Report made {today}.":
        "Tiedostosta {file}, jonka Kokeilu {version} kirjoitti {created}. Raportti tehty {today}.",
    "Verdict": "Johtopäätökset",
    "What was compared": "Mitä verrattiin",
    "Key results for everyone": "Keskeiset tulokset koko väestölle",
    "Status shares over time": "Tilojen osuudet ajan mittaan",
    "Effects over time": "Vaikutukset ajan mittaan",
    "Activation rate": "Aktivointiaste",
    "Costs by payer": "Kustannukset maksajittain",
    "Cost-effectiveness": "Kustannusvaikuttavuus",
    "Effects by group": "Vaikutukset ryhmittäin",
    "Displacement": "Syrjäytyminen (displacement)",
    "Transitions between statuses": "Siirtymät tilojen välillä",
    "About these numbers": "Lukujen lähteet",
    "By group with costs": "Ryhmät, joilla on kustannustiedot",
    "Striking results": "Huomattavia tuloksia",
    "Extra cost over the whole run, by payer": "Lisäkustannus koko ajalta maksajittain",
    "Cost per additional week of work": "Kustannus lisätyöviikkoa kohden",
    "Cost per additional week of work (everyone, whole run)": "Kustannus lisätyöviikkoa kohden (koko väestö, koko ajo)",
    "Costs of everyone over the whole run, by payer: weeks": "Koko väestön kustannukset koko ajalta maksajittain: viikot",
    "everyone, whole run": "koko väestö, koko ajo",
    "Table:": "Taulukko:",
    "beside this report.": "raportin vieressä.",
    "arm": "vaihtoehto",
    "role": "rooli",
    "group": "ryhmä",
    "description": "kuvaus",
    "metric": "mittari",
    "meaning": "merkitys",
    "level": "taso",
    "total": "yhteensä",
    "week": "viikko",
    "weeks": "viikkoa",
    "pp": "%-yks.",
    "payer (metric)": "maksaja (mittari)",
    "persons in its target group": "henkilöitä kohderyhmässä",
    "{persons} persons": "{persons} henkilöä",
    "pilot design": "kokeilun malli",
    "baseline (the counterfactual: no pilot)": "perusura (vertailukohta: ei kokeilua)",
    "the baseline": "perusura",
    "the same population": "sama väestö",
    "effect (arm \u2212 baseline)": "vaikutus (vaihtoehto \u2212 perusura)",
    "everyone": "koko väestö",
    "target": "kohderyhmä",
    "everyone else": "muut",
    "over the whole run": "koko ajolta",
    "of work per person": "työtä henkilöä kohden",
    "additional cost": "lisäkustannus",
    "additional weeks of work (person-weeks)": "lisätyöviikot (henkilöviikkoa)",
    "EUR per additional week of work": "euroa lisätyöviikkoa kohden",
    "quadrant": "nelikenttä",
    "start of the pilot": "kokeilun alku",
    "end of the pilot": "kokeilun loppu",
    "end of follow-up": "seurannan loppu",
    "At the end of the pilot period": "Kokeilukauden lopussa",
    "At the end of follow-up": "Seurannan lopussa",
    "at the end of the pilot period": "kokeilukauden lopussa",
    "at the end of follow-up": "seurannan lopussa",
    "pilot period": "kokeilukausi",
    "whole run": "koko ajo",
    "from \u2193 to \u2192 (%)": "mistä \u2193 mihin \u2192 (%)",
    "the week starting {date}": "viikko, joka alkaa {date}",
    "{first} to {last}": "{first}\u2013{last}",
    "{count} degree of freedom": "{count} vapausaste",
    "{count} degrees of freedom": "{count} vapausastetta",
    # ------------------------------------------------------------------ verdict
    "Designs ranked by the additional weeks of work of everyone over the whole run (mean and 95 % interval; "
    "designs whose intervals overlap are not clearly apart):":
        "Mallit järjestettynä koko väestön lisätyöviikkojen mukaan koko ajolta (keskiarvo ja 95 %:n väli; "
        "mallit, joiden välit ovat päällekkäin, eivät selvästi eroa toisistaan):",
    "run here over the comparison's pilot period, {period}": "ajettu tässä vertailun kokeilukaudella {period}",
    "{period} in its design; ": "mallissa {period}; ",
    "The file holds only the baseline arm: there is nothing to compare.":
        "Tiedostossa on vain perusura: ei ole mitään verrattavaa.",
    "The file has no pilot arms or no key metrics to compare.":
        "Tiedostossa ei ole kokeiluvaihtoehtoja tai keskeisiä mittareita verrattavaksi.",
    "{arm} leaves its own target group worse off in {metrics} (the whole 95 % interval on the harmful side).":
        "{arm} heikentää oman kohderyhmänsä tilannetta: {metrics} (koko 95 %:n väli haitallisella puolella).",
    "{arm} leaves the persons outside its target group worse off in {metrics} "
    "(the whole 95 % interval on the harmful side).":
        "{arm} heikentää kohderyhmänsä ulkopuolisten tilannetta: {metrics} (koko 95 %:n väli haitallisella puolella).",
    "{arm} costs more and employs fewer than the baseline (dominated).":
        "{arm} maksaa enemmän ja työllistää vähemmän kuin perusura (dominoitu).",
    "{arm} employs more for less money than the baseline (dominant).":
        "{arm} työllistää enemmän pienemmin kustannuksin kuin perusura (dominoiva).",
    "what it is": "mikä se on",
    "organiser": "järjestäjä",
    "entry": "asiakkaaksi tulo",
    "priority in queues": "etusija jonoissa",
    "coach": "valmentaja",
    "services with places": "palvelut ja paikat",
    "period": "kausi",
    # ------------------------------------------------------------------ designs in words
    " and ": " ja ",
    " or ": " tai ",
    "not ({what})": "ei ({what})",
    "under {value}": "alle {value}-vuotiaat",
    "aged {value} or over": "{value} vuotta täyttäneet",
    "{value} benefit days or more": "vähintään {value} etuuspäivää",
    "{value} days of labour market subsidy or more": "vähintään {value} työmarkkinatukipäivää",
    "unemployed {value} weeks or more without a break": "yhtäjaksoisesti vähintään {value} viikkoa työttömänä",
    "on {benefits}": "saa {benefits}",
    "foreign-language speakers": "vieraskieliset",
    "persons with a health or life-management barrier": "henkilöt, joilla on terveyteen tai elämänhallintaan liittyvä este",
    "earnings-related allowance": "ansiopäivärahaa",
    "basic allowance": "peruspäivärahaa",
    "labour market subsidy": "työmarkkinatukea",
    "no benefit": "ei etuutta",
    "the TE office": "TE-toimisto",
    "the municipality": "kunta",
    "the municipalities": "kunnat",
    "longest unemployment spell first": "pisimpään työttömänä ollut ensin",
    "most barriers first": "eniten esteitä ensin",
    "closest to the labour market first": "lähimpänä työmarkkinoita ensin",
    "in the order of referral": "ohjausjärjestyksessä",
    "those already unemployed when it starts": "alkaessa jo työttömät",
    "those who become unemployed during it": "sen aikana työttömiksi jäävät",
    "nobody new": "ei uusia",
    "no coach": "ei valmentajaa",
    "caseload {n} clients per coach": "{n} asiakasta valmentajaa kohden",
    "{n} coaches per 10,000 persons of working age": "{n} valmentajaa 10 000 työikäistä kohden",
    "a meeting every {n} weeks": "tapaaminen {n} viikon välein",
    "{service}: {n} places per 10,000 persons": "{service}: {n} paikkaa 10 000 henkilöä kohden",
    "service-needs assessment": "palvelutarpeen arviointi",
    "personal coach": "omavalmentaja",
    "training": "työvoimakoulutus",
    "rehabilitative work activity": "kuntouttava työtoiminta",
    "pay-subsidised work": "palkkatuettu työ",
    "work trial": "työkokeilu",
    # ------------------------------------------------------------------ cost-effectiveness
    "dominant": "dominoiva",
    "dominated": "dominoitu",
    "trade-off: costs more, employs more": "vaihtokauppa: maksaa enemmän, työllistää enemmän",
    "trade-off: costs less, employs fewer": "vaihtokauppa: maksaa vähemmän, työllistää vähemmän",
    "no change in employment": "ei muutosta työllisyydessä",
    "not estimable (the change in employment is not distinguishable from zero)":
        "ei laskettavissa (työllisyyden muutos ei erotu nollasta)",
    "none (employment did not change)": "ei ole (työllisyys ei muuttunut)",
    "none needed: {quadrant} (the ratio, {ratio}, has no meaning as a price)":
        "ei tarvita: {quadrant} (suhdeluvulla {ratio} ei ole merkitystä hintana)",
    "Incremental cost divided by incremental weeks of work, both averaged over the replications first "
    "(a ratio of means); 95 % interval by Fieller's method.":
        "Lisäkustannus jaettuna lisätyöviikoilla, kumpikin ensin keskiarvona toistoista (keskiarvojen suhde); "
        "95 %:n väli Fiellerin menetelmällä.",
    "<p>Each small point is one replication: the arm's additional cost (all payers) against its additional "
    "weeks of work, both over the whole run and against the baseline in the same replication; the large point "
    "is their mean. Right of the vertical axis the arm employs more, above the horizontal axis it costs more. "
    "<em>Dominant</em>: more work for less money; <em>dominated</em>: less work for more money; otherwise a "
    "trade-off.</p>":
        "<p>Jokainen pieni piste on yksi toisto: vaihtoehdon lisäkustannus (kaikki maksajat) ja sen lisätyöviikot, "
        "kumpikin koko ajolta ja verrattuna perusuraan samassa toistossa; iso piste on niiden keskiarvo. "
        "Pystyakselin oikealla puolella vaihtoehto työllistää enemmän, vaaka-akselin yläpuolella se maksaa enemmän. "
        "<em>Dominoiva</em>: enemmän työtä vähemmällä rahalla; <em>dominoitu</em>: vähemmän työtä enemmällä "
        "rahalla; muuten vaihtokauppa.</p>",
    # ------------------------------------------------------------------ sections
    INTRODUCTION_EN: INTRODUCTION_FI,
    "With a single replication the intervals collapse to the mean: they say nothing about uncertainty.":
        "Yhdellä toistolla välit supistuvat keskiarvoon: ne eivät kerro epävarmuudesta mitään.",
    "They show the randomness of the simulation, not the uncertainty of the model's assumptions.":
        "Ne kuvaavat simuloinnin satunnaisuutta, eivät mallin oletusten epävarmuutta.",
    "The share of everyone in each status, by arm, averaged over the replications. The shaded band is the "
    "pilot period.":
        "Koko väestön osuus kussakin tilassa vaihtoehdoittain, keskiarvo toistoista. Varjostettu alue on "
        "kokeilukausi.",
    "Each line is an arm's effect on everyone (arm \u2212 {baseline}), week by week; the band is its 95 % "
    "interval. Above zero means more than without the pilot: good for employment and the activation rate, "
    "bad for unemployment and costs.":
        "Jokainen viiva on vaihtoehdon vaikutus koko väestöön (vaihtoehto \u2212 {baseline}) viikoittain; alue on "
        "sen 95 %:n väli. Nollan yläpuolella on enemmän kuin ilman kokeilua: hyvä työllisyydelle ja "
        "aktivointiasteelle, huono työttömyydelle ja kustannuksille.",
    "<p>The activation rate (<em>aktivointiaste</em>) is the persons in activating services divided by the "
    "unemployed plus the persons in activating services. Lines are the mean over replications, bands the "
    "95 % interval.</p>":
        "<p>Aktivointiaste on aktivoivissa palveluissa olevat jaettuna työttömien ja aktivoivissa palveluissa "
        "olevien summalla. Viivat ovat toistojen keskiarvoja, alueet 95 %:n välejä.</p>",
    "Euros for everyone, summed over the weeks of each window, by who pays: the state, the municipality, Kela "
    "and the unemployment funds, their total, and the municipality's co-payment of the labour market subsidy. "
    "Totals are means over replications; the change is arm \u2212 baseline with its 95 % interval.":
        "Koko väestön eurot kunkin jakson viikoilta laskettuna yhteen maksajittain: valtio, kunta, Kela ja "
        "työttömyyskassat, niiden summa sekä kunnan osuus työmarkkinatuesta (sakkomaksu). Summat ovat "
        "toistojen keskiarvoja; muutos on vaihtoehto \u2212 perusura 95 %:n välein.",
    "<p>Groups are fixed on the initial population, before any pilot, so a group holds the same persons in "
    "every arm. <code>target:&lt;arm&gt;</code> is everyone who met that arm's target criteria at the start; "
    "<code>non_target:&lt;arm&gt;</code> everyone else. Money is counted by municipality, not by person, so "
    "euro metrics exist only for everyone and the municipalities: they are in the sections on costs, not "
    "here.</p>":
        "<p>Ryhmät on muodostettu alkuperäisestä väestöstä ennen kokeiluja, joten ryhmässä ovat samat henkilöt "
        "joka vaihtoehdossa. <code>target:&lt;arm&gt;</code> on kaikki, jotka täyttivät vaihtoehdon "
        "kohderyhmän ehdot alussa; <code>non_target:&lt;arm&gt;</code> kaikki muut. Rahat lasketaan "
        "kunnittain, ei henkilöittäin, joten euromittarit ovat olemassa vain koko väestölle ja kunnille: ne "
        "ovat kustannusosioissa, eivät tässä.</p>",
    "<p>Jobs are found in a labour market with a limited number of vacancies: a pilot client who searches "
    "harder may take a job that someone else would have had. That shows as a fall in open employment, or a "
    "rise in unemployment, among the persons <em>outside</em> the arm's target group "
    "(<code>non_target:&lt;arm&gt;</code>), compared with the same persons in the baseline.</p>":
        "<p>Työpaikat löytyvät työmarkkinoilta, joilla avoimia paikkoja on rajallisesti: tehokkaammin etsivä "
        "kokeilun asiakas voi saada työn, jonka joku muu olisi saanut. Se näkyy avoimen työllisyyden laskuna "
        "tai työttömyyden nousuna vaihtoehdon kohderyhmän <em>ulkopuolella</em> "
        "(<code>non_target:&lt;arm&gt;</code>) verrattuna samoihin henkilöihin perusuralla.</p>",
    "Weekly moves from one status (row) to another (column), summed over all weeks of replication 0, as shares "
    "of the row: the diagonal is staying in the same status. The baseline first, then each arm.":
        "Viikoittaiset siirtymät tilasta (rivi) toiseen (sarake) toiston 0 kaikilta viikoilta, osuuksina "
        "rivistä: lävistäjä on samassa tilassa pysymistä. Ensin perusura, sitten kukin vaihtoehto.",
    "<p>Every number in this report is read from the comparison file below or computed from it: effects and "
    "their intervals as the engine wrote them (<code>/effects</code>), levels and cumulative costs from each "
    "replication's weekly metrics (<code>/arms/&lt;arm&gt;/replications/&lt;r&gt;/metrics</code>). The "
    "scenario as run is stored in the file (<code>/meta/scenario_yaml</code>).</p>":
        "<p>Jokainen raportin luku on luettu alla olevasta vertailutiedostosta tai laskettu siitä: vaikutukset "
        "ja niiden välit moottorin kirjoittamina (<code>/effects</code>), tasot ja kertyneet kustannukset "
        "kunkin toiston viikkomittareista (<code>/arms/&lt;arm&gt;/replications/&lt;r&gt;/metrics</code>). "
        "Ajettu skenaario on tallennettu tiedostoon (<code>/meta/scenario_yaml</code>).</p>",
    "CSV tables beside this report (UTF-8, comma-separated, dates YYYY-MM-DD):":
        "CSV-taulukot raportin vieressä (UTF-8, pilkuin eroteltu, päivämäärät VVVV-KK-PP):",
    "file": "tiedosto", "scenario": "skenaario", "engine version": "moottorin versio", "git revision": "git-revisio",
    "created (UTC)": "luotu (UTC)", "seed": "siemenluku", "schema version": "skeeman versio",
    "replications": "toistot", "groups": "ryhmät", "metrics": "mittarit",
    # ------------------------------------------------------------------ statuses and metrics
    "employed": "työssä", "subsidised_job": "palkkatuettu työ", "unemployed": "työtön",
    "rehabilitative": "kuntouttava työtoiminta", "work_trial": "työkokeilu", "inactive": "työvoiman ulkopuolella",
    "self_motivated_study": "omaehtoinen opiskelu työttömyysetuudella",
    "open_employment": "avoin työllisyys", "subsidised_employment": "palkkatuettu työllisyys",
    "unemployment": "työttömyys", "long_term_unemployment": "pitkäaikaistyöttömyys",
    "in_services": "palveluissa", "activation_rate": "aktivointiaste",
    "unemployed_or_in_services": "työttömänä tai palveluissa",
    "weeks_employed_per_person": "työviikot henkilöä kohden", "weeks_unemployed_per_person": "työttömyysviikot henkilöä kohden",
    "municipal_copayment_eur": "kunnan osuus työmarkkinatuesta (EUR)", "cost_state_eur": "kustannus, valtio (EUR)",
    "cost_municipality_eur": "kustannus, kunta (EUR)", "cost_kela_eur": "kustannus, Kela (EUR)",
    "cost_unemployment_fund_eur": "kustannus, työttömyyskassat (EUR)", "cost_total_eur": "kustannus yhteensä (EUR)",
    "group_size": "ryhmän koko",
    "employed in the open labour market": "työssä avoimilla työmarkkinoilla",
    "in services / (unemployed + in services)": "palveluissa / (työttömät + palveluissa)",
    # ------------------------------------------------------------------ run report
    "What was run": "Mitä ajettiin",
    "Key figures for the region": "Alueen keskeiset luvut",
    "Municipalities": "Kunnat",
    # ------------------------------------------------------------------ parameter draws
    "What drives the effects": "Mikä vaikutuksia ohjaa",
    "<p>Some parameters of the designs are uncertain and stated as distributions: each replication "
    "drew its own values, the same in every arm, so the intervals above include this uncertainty. "
    "The table gives, for each arm's effect on open employment at the end of the pilot, the share of "
    "its variance across replications that each parameter explains on its own (first-order: R\u00b2 "
    "of a regression on the parameter; for a choice, between the choices). The rest is interactions "
    "and simulation noise; with few replications the shares are rough.</p>":
    "<p>Osa mallien parametreista on epävarmoja ja annettu jakaumina: kukin toisto arpoi omat arvonsa, "
    "samat joka vaihtoehdossa, joten edellä olevat välit sisältävät tämän epävarmuuden. Taulukko antaa "
    "kunkin vaihtoehdon avoimeen työllisyyteen kohdistuvan vaikutuksen (kokeilun lopussa) toistojen "
    "välisestä vaihtelusta sen osuuden, jonka kukin parametri yksinään selittää (ensimmäinen kertaluku: "
    "regression R\u00b2; valinnalle valintojen välinen osuus). Loput on yhdysvaikutuksia ja simuloinnin "
    "satunnaisvaihtelua; vähillä toistoilla osuudet ovat karkeita.</p>",
    "target group": "kohderyhmä",
    "parameter": "parametri",
    "distribution": "jakauma",
    "source": "lähde",
    "share of variance": "osuus vaihtelusta",
    "direction": "suunta",
}
