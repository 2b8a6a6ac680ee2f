# Meetinstrumenten: namen, banden, vlaggen, veiligheidsregels en vlagstatus
# (zie en/measures.ftl voor de uitleg van de ids).
#
# Namen van gepubliceerde schalen blijven Engels, zoals in de Nederlandse praktijk; alleen
# beschrijvende delen zijn vertaald. Bandnamen van de PHQ-9 zoals Nederlandstalige
# uitgaven ze noemen (geen, mild, matig, matig ernstig, ernstig).
# Er worden geen Nederlandse itemteksten meegeleverd (zie docs/locales.md).

## Namen van instrumenten

instrument-phq9 = Patient Health Questionnaire-9 (PHQ-9)
instrument-hrsd17 = Hamilton Rating Scale for Depression, 17 items (HRSD-17)
instrument-asrm = Altman Self-Rating Mania Scale (ASRM)
instrument-ymrs = Young Mania Rating Scale (YMRS)
instrument-daily_mood = Dagelijkse stemmingsscore (klinisch SRM-formulier van IPSRT)
instrument-gad7 = Generalized Anxiety Disorder 7-item scale (GAD-7)
instrument-epds = Edinburgh Postnatal Depression Scale (EPDS)
instrument-phq9m = PHQ-9 voor jongeren (PHQ-9 Modified for Teens, PHQ-9M)
instrument-wsas = Work and Social Adjustment Scale (WSAS)
instrument-cssrs_screener = Uitslag van de C-SSRS-screener (risiconiveau, ingevoerd door een behandelaar)

## Banden

band-phq9-minimal = Minimaal of geen
band-phq9-mild = Mild
band-phq9-moderate = Matig
band-phq9-moderately_severe = Matig ernstig
band-phq9-severe = Ernstig
band-hrsd17-normal = Normaal
band-hrsd17-none = Geen depressie
band-hrsd17-mild = Mild
band-hrsd17-moderate = Matig
band-hrsd17-severe = Ernstig
band-hrsd17-very_severe = Zeer ernstig
band-asrm-below_cutoff = Onder de afkapwaarde: manie minder waarschijnlijk
band-asrm-probable_mania = Op of boven de afkapwaarde 6: grote kans op een manische of hypomane toestand
band-ymrs-remission = Onder 12: remissie
band-ymrs-mania = 12 of meer: hypomanie/manie
band-gad7-minimal = Minimaal
band-gad7-mild = Mild
band-gad7-moderate = Matig
band-gad7-severe = Ernstig
band-epds-below_threshold = Onder de drempel van 10
band-epds-possible_depression = Mogelijke depressie (≥ 10, de gevoeligere drempel)
band-epds-probable_depression = Waarschijnlijke depressie: nader beoordelen (≥ 13)
band-phq9m-minimal = Minimaal of geen
band-phq9m-mild = Mild
band-phq9m-moderate = Matig
band-phq9m-moderately_severe = Matig ernstig
band-phq9m-severe = Ernstig
band-phq9m-below_cutoff = Onder de afkapwaarde voor jongeren van 11
band-phq9m-at_or_above_cutoff = Op of boven de afkapwaarde voor jongeren van 11 (depressieve stoornis waarschijnlijk)
band-wsas-subclinical = Subklinisch (< 10)
band-wsas-significant = Duidelijke beperking in het functioneren, minder ernstig (10–20)
band-wsas-moderately_severe = Matig ernstig of ernstiger (> 20)
band-cssrs_screener-none = Geen risico vastgesteld
band-cssrs_screener-low = Laag risico
band-cssrs_screener-moderate = Matig risico
band-cssrs_screener-high = Hoog risico

## Vlaggen

flag-phq9-item9_positive = Item 9 (gedachten dat je beter dood zou zijn of aan zelfbeschadiging) beantwoord met ≥ 1, ongeacht de totaalscore
flag-phq9-major_depressive_syndrome = Depressief syndroom (major): ≥ 5 van de 9 items op ≥ 2 (item 9 op ≥ 1), waarvan één item 1 of 2
flag-phq9-other_depressive_syndrome = Ander depressief syndroom: 2–4 van de 9 items op ≥ 2 (item 9 op ≥ 1), waarvan één item 1 of 2
flag-phq9m-symptom_follow_up = Een van de items 1–8 beantwoord met 2 of 3: volg het symptoom op

flag-state-raised = aanwezig
flag-state-not_raised = afwezig
flag-state-indeterminate = onbepaald

## Veiligheidsregels: wat een positief antwoord betekent (nooit de itemtekst)

safety-phq9_item9 = gedachten dat je beter dood zou zijn of aan zelfbeschadiging: beoordeel het suïciderisico, ongeacht de totaalscore
safety-phq9m_item9 = gedachten dat je beter dood zou zijn of aan zelfbeschadiging: beoordeel het suïciderisico, ongeacht de totaalscore
safety-phq9m_serious_thoughts = serieuze gedachten om een eind aan het leven te maken in de afgelopen maand: beoordeel het suïciderisico
safety-phq9m_lifetime_attempt = ooit in het leven een suïcidepoging: beoordeel het suïciderisico
safety-hrsd17_item3 = suïcide-item: van het gevoel dat het leven niet de moeite waard is (1) tot een suïcidepoging (4)
safety-epds_item10 = gedachten om zichzelf iets aan te doen: verder beoordelen, ook als de totaalscore onder de afkapwaarde ligt
safety-cssrs_risk_level = risiconiveau van de C-SSRS-screener, vastgelegd door een behandelaar
