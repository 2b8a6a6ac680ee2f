# Labels van het klinische model (zie en/model.ftl voor de uitleg van de ids).
# Termen: probleemgebieden en fasen volgens Nederlandstalige IPT-bronnen (zie docs/locales.md).

locale-name = Nederlands

## Probleemgebieden

problem-area-grief = rouw
problem-area-grief-sr3 = rouw en verlies
problem-area-role_dispute = rolconflict
problem-area-role_dispute-sr3 = interpersoonlijke conflicten
problem-area-role_transition = rolverandering
problem-area-interpersonal_deficits = interpersoonlijke tekorten
problem-area-lost_healthy_self = rouw om het verlies van het gezonde zelf

## Fasen van een rolconflict

dispute-stage-renegotiation = heronderhandeling
dispute-stage-impasse = impasse
dispute-stage-dissolution = ontbinding

## Fasen van de behandeling

phase-initial = beginfase (diagnose en focus)
phase-middle = middenfase (werken aan de focus)
phase-termination = afsluitende fase (afscheid en afsluiting)
phase-maintenance = onderhoudsfase
phase-ended = beëindigd

## Oordeel van een evaluatie van het effect

verdict-remission = remissie
verdict-response = respons
verdict-partial_response = gedeeltelijke respons
verdict-minimal_or_no_benefit = minimaal of geen effect

## Taken van de afsluitende fase, hun stand, vorm van de sessie en doelgroep

termination-task-loss_expressed = gevoelens over het verlies van de therapie geuit
termination-task-independent_competence = eigen competentie erkend
termination-task-aftercare_agreed = afspraken over de nazorg gemaakt
task-state-open = open
task-state-done = gedaan
task-state-skipped = vervallen
delivery-mode-in_person = op locatie
delivery-mode-phone = telefonisch
delivery-mode-video = beeldbellen
delivery-mode-group = in een groep
population-adult = volwassenen
population-adolescent = adolescenten (IPT-A)
population-perinatal = rond zwangerschap en bevalling (perinataal)
population-older_adult = ouderen

## Niveaus van het signaleringsplan

alert-level-green = Groen
alert-level-watch = Opletten
alert-level-early_warning = Vroege signalen
alert-level-breaking_down = Ontregeling
alert-level-crisis = Crisis

## Niveaus van een veiligheidssignaal

safety-level-notice = ter kennisname
safety-level-safety_check = veiligheidsbeoordeling
safety-level-crisis = crisis

## Status van een geplande taak

occurrence-upcoming = gepland
occurrence-open = open
occurrence-overdue = over tijd
occurrence-missed = gemist
occurrence-completed_on_time = op tijd gedaan
occurrence-completed_late = te laat gedaan
occurrence-excused = vrijgesteld

## Soorten fouten: de kop, en wat te doen

error-kind-invalid_input = ongeldige invoer
error-kind-illegal_transition = niet toegestaan in de huidige toestand
error-kind-not_scorable = te weinig gegevens om te scoren
error-kind-not_found = niet gevonden
error-kind-schema = opgeslagen gegevens van een onbekende of nieuwere versie
error-kind-parse = onleesbare invoer
error-advice-invalid_input = Verbeter de waarde die de melding noemt en probeer het opnieuw.
error-advice-illegal_transition = Er is niets gewijzigd. Leg eerst vast wat volgens de melding ontbreekt.
error-advice-not_scorable = Vul de ontbrekende gegevens aan die de melding noemt, of kies een andere regel voor ontbrekende antwoorden.
error-advice-not_found = Controleer de naam of id in de melding; voeg hem eerst toe als hij zou moeten bestaan.
error-advice-schema = Werk ipsrt bij, of controleer of het bestand de juiste soort opgeslagen gegevens bevat.
error-advice-parse = Controleer de opmaak van het bestand (JSON of CSV, UTF-8) op de plaats die de melding noemt.

## Indicatiecriteria van de langdurige interactionele groep (group::AdmissionCriterion; bron S3)

admission-criterion-complaints_in_the_way = heeft psychische klachten (angst, stemming) die in de weg zitten
admission-criterion-wants_to_understand = wil begrijpen waar de klachten vandaan komen, om ze te kunnen veranderen
admission-criterion-recurring_patterns = kan zich voorstellen dat de problemen te maken hebben met terugkerende patronen in relaties
admission-criterion-interested_in_self = is geïnteresseerd in zichzelf
admission-criterion-coping_capacity = heeft voldoende draagkracht
admission-criterion-supportive_environment = heeft een minimaal steunende sociale omgeving om in te oefenen
admission-criterion-room_for_patterns = alledaagse problemen overheersen niet, zodat er ruimte is om aan patronen te werken (anders is de groep mogelijk ongeschikt)
