# Berichten met plaatshouders (zie en/messages.ftl). Tegen de patiënt: "je".

## Waarschuwingen bij een behandeling

warning-safety_signal_open = OPEN VEILIGHEIDSSIGNAAL ({ $level }) van { $instrument }, vastgelegd op { $recorded }: { $items }; een behandelaar moet het beoordelen en safety_acknowledged vastleggen (wie, wat er is gedaan)
warning-termination_not_raised = afsluiting nog niet besproken, nog { $remaining } { $remaining ->
        [one] sessie
       *[other] sessies
    } over
warning-contract_used_up = het contract is opgebruikt: rond de behandeling af of maak een nieuw contract
warning-focus_overdue = na { $held } sessies is nog geen probleemgebied gekozen; volgens het protocol is de focus gekozen uiterlijk in sessie { $window_end }
warning-evaluation_due = evaluatie van het effect is aan de orde (het protocol evalueert na sessie { $first }–{ $last })
warning-relapse_plan_missing = nog geen terugvalpreventieplan vastgelegd; dat is nodig om de behandeling af te ronden
warning-relapse_plan_empty = het terugvalpreventieplan is leeg vastgelegd (geen verwijzing, geen samenvatting): leg het opnieuw vast met de verwijzing of een samenvatting
warning-termination_tasks_open = taken van de afsluitende fase nog open: { $open }; leg elke taak vast (termination_task_recorded) of waarom die vervalt (termination_task_skipped)
warning-consecutive_missed = { $count } sessies achter elkaar gemist: bespreek de afwezigheid open
warning-fresh_evaluation_due = een nieuwe evaluatie van het effect is nodig: er is geen evaluatie gedaan in of na sessie { $stop }, waar het protocol over stoppen beslist
warning-stop_candidate = kandidaat om te stoppen: de evaluatie na { $after_sessions } sessies vond { $verdict }{ $reduction ->
        [none] {""}
       *[other] , een afname van { $reduction } %{ $threshold ->
            [none] {""}
           *[other] {" "}(onder { $threshold } % is geen respons)
        }
    }; beëindig de behandeling en bied een alternatief aan (ended_non_response) of leg vast waarom de behandeling doorgaat (non_response_stop_declined)
warning-dispute_dissolved = het rollenconflict is in de fase van ontbinding, die wordt behandeld als een rolverandering: om de focus te wijzigen, leg focus_changed vast {"{"}area: role_transition, replaces: role_dispute, reason{"}"}
warning-deficits_unacknowledged = interpersoonlijke tekorten is de focus, maar andere probleemgebieden kunnen van toepassing zijn ({ $evidence }); tekorten is het restgebied: beoordeel dit en leg deficits_acknowledged vast (wie, waarom), of verander de focus
deficits-life-events = levensgebeurtenissen rond het begin van de klachten: { $items }
deficits-deceased = overleden: { $items }
deficits-open-conflicts = open conflicten: { $items }
deficits-changes = veranderingen in relaties rond het begin van de klachten: { $items }
deficits-not-assessed = niet beoordeeld, dus andere probleemgebieden zijn niet uit te sluiten: { $items }
deficits-assess = beoordeel dit (person_updated) voordat u op tekorten vertrouwt
deficits-onset-unknown = het begin van de klachten is niet vastgelegd, dus elke gedateerde gebeurtenis telt

## Standaardadvies per niveau van het signaleringsplan

guidance-green-1 = Volg je dagelijkse onderhoudsplan.
guidance-watch-1 = Volg het actieplan bij uitlokkende gebeurtenissen.
guidance-watch-2 = Houd vaker bij hoe het gaat (stemming, slaap, SRM).
guidance-early_warning-1 = Volg het actieplan bij vroege signalen.
guidance-early_warning-2 = Neem binnen 1–2 werkdagen contact op met je behandelaar.
guidance-breaking_down-1 = Neem vandaag nog contact op met je behandelaar.
guidance-breaking_down-2 = Schakel je steunpersonen in.
guidance-crisis-1 = Start nu de veiligheidsaanpak: bekijk je crisisplan.
guidance-crisis-2 = Bel de crisislijn of het noodnummer dat bij deze melding staat.
guidance-crisis-3 = Laat het je behandelaar weten als je daar toestemming voor hebt gegeven.
guidance-manic_prodrome-1 = Verminder prikkels: doe minder sociale activiteiten en vermijd prikkels in de avond.
guidance-manic_prodrome-2 = Bescherm je bedtijd en je rust.
guidance-manic_prodrome-3 = Vermijd cafeïne, alcohol en drugs.
guidance-manic_prodrome-4 = Neem contact op met je psychiater om je medicatie te bespreken, of gebruik de afgesproken zo-nodigmedicatie.
guidance-manic_prodrome-5 = Betrek je steunpersonen.
guidance-depressive_prodrome-1 = Sta elke dag op dezelfde tijd op en vermijd dutjes.
guidance-depressive_prodrome-2 = Blijf actief en houd sociaal contact.
guidance-depressive_prodrome-3 = Neem contact op met je behandelaar.

## Signaleringsplan: de mededeling bij de niveaus, en de landen van de crisislijnen

disclaimer = De niveaus van je signaleringsplan ondersteunen jou en je behandelaar; ze zijn geen diagnose en dit is geen hulpdienst voor noodgevallen. In nood, bel: { $numbers }.
disclaimer-region = De niveaus van je signaleringsplan ondersteunen jou en je behandelaar; ze zijn geen diagnose en dit is geen hulpdienst voor noodgevallen. In nood, bel ({ $region }): { $numbers }.
region-nl = Nederland
region-be = België
region-de = Duitsland
region-gb = het Verenigd Koninkrijk
region-ie = Ierland
region-us = de Verenigde Staten
region-ca = Canada
region-au = Australië

## Het commando ipsrt: koppen van foutmeldingen

cli-error-input = ongeldige invoer of verkeerd gebruik
cli-error-rejected = afgewezen door een klinische regel

## Het commando ipsrt: tekstuitvoer van `measure score`

cli-measure-safety = !! VEILIGHEID { $level }: item { $number } ({ $item }) beantwoord met { $answer } (drempel ≥ { $at_least }): { $description }  [{ $source }]
cli-measure-safety-review = !! een behandelaar moet de veiligheidssignalen hierboven beoordelen, ongeacht de totaalscore
cli-measure-safety-unanswered = !! veiligheidsitem { $item } is niet beantwoord: vraag het na; een ontbrekend antwoord betekent niet "geen risico"
cli-measure-total = { $instrument } v{ $version }  totaal: { $total }  ({ $status })
cli-measure-not-computed = niet berekend
cli-measure-status-complete = volledig
cli-measure-status-prorated = naar rato aangevuld voor { $missing } ontbrekende
cli-measure-status-zero = { $missing } ontbrekende geteld als 0
cli-measure-status-incomplete = onvolledig: { $missing } ontbrekend
cli-measure-answered = beantwoord: { $answered }/{ $items }  regel: { $policy }
cli-measure-missing = ontbrekend: { $items }
cli-measure-flag = vlag { $id }: { $state }  [{ $source }]
cli-measure-band = band ({ $scheme }): { $label } { $min }–{ $max }  [{ $source }]
cli-measure-source = bron: { $source }
