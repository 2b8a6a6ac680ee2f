# Outcome measures: instrument names, band labels, flag descriptions, safety-rule texts and
# flag states. Ids: instrument-<id>, band-<instrument>-<band>, flag-<instrument>-<flag>,
# safety-<rule>, flag-state-<state>. The English texts equal the shipped definitions
# (the catalogue test compares them).
#
# Item texts: only where the licence allows it and an authoritative wording is at hand, as
# item-<item id>. English item texts ship in the definitions; no Dutch item text ships yet
# (see docs/locales.md).

## Instrument names

instrument-phq9 = Patient Health Questionnaire-9 (PHQ-9)
instrument-hrsd17 = Hamilton Rating Scale for Depression, 17 items (HRSD-17)
instrument-asrm = Altman Self-Rating Mania Scale (ASRM)
instrument-ymrs = Young Mania Rating Scale (YMRS)
instrument-daily_mood = Daily mood rating (IPSRT clinical SRM form)
instrument-gad7 = Generalized Anxiety Disorder 7-item scale (GAD-7)
instrument-epds = Edinburgh Postnatal Depression Scale (EPDS)
instrument-phq9m = PHQ-9 Modified for Teens (PHQ-9M)
instrument-wsas = Work and Social Adjustment Scale (WSAS)
instrument-cssrs_screener = C-SSRS screener result (risk level entered by a clinician)

## Bands

band-phq9-minimal = Minimal or none
band-phq9-mild = Mild
band-phq9-moderate = Moderate
band-phq9-moderately_severe = Moderately severe
band-phq9-severe = Severe
band-hrsd17-normal = Normal
band-hrsd17-none = No depression
band-hrsd17-mild = Mild
band-hrsd17-moderate = Moderate
band-hrsd17-severe = Severe
band-hrsd17-very_severe = Very severe
band-asrm-below_cutoff = Below cut-off: mania less likely
band-asrm-probable_mania = At or above cut-off 6: high probability of a manic or hypomanic condition
band-ymrs-remission = Below 12: remission
band-ymrs-mania = 12 or more: hypomania/mania
band-gad7-minimal = Minimal
band-gad7-mild = Mild
band-gad7-moderate = Moderate
band-gad7-severe = Severe
band-epds-below_threshold = Below the threshold of 10
band-epds-possible_depression = Possible depression (≥ 10, the more sensitive threshold)
band-epds-probable_depression = Probable depression: assess (≥ 13)
band-phq9m-minimal = Minimal or none
band-phq9m-mild = Mild
band-phq9m-moderate = Moderate
band-phq9m-moderately_severe = Moderately severe
band-phq9m-severe = Severe
band-phq9m-below_cutoff = Below the adolescent cut-off of 11
band-phq9m-at_or_above_cutoff = At or above the adolescent cut-off of 11 (major depression likely)
band-wsas-subclinical = Subclinical (< 10)
band-wsas-significant = Significant functional impairment, less severe (10–20)
band-wsas-moderately_severe = Moderately severe or worse (> 20)
band-cssrs_screener-none = No risk identified
band-cssrs_screener-low = Low risk
band-cssrs_screener-moderate = Moderate risk
band-cssrs_screener-high = High risk

## Flags

flag-phq9-item9_positive = Item 9 (thoughts of being better off dead or of self-harm) answered ≥ 1, whatever the total
flag-phq9-major_depressive_syndrome = Major depressive syndrome: ≥ 5 of the 9 items at ≥ 2 (item 9 at ≥ 1), one of them item 1 or 2
flag-phq9-other_depressive_syndrome = Other depressive syndrome: 2–4 of the 9 items at ≥ 2 (item 9 at ≥ 1), one of them item 1 or 2
flag-phq9m-symptom_follow_up = Any of items 1–8 answered 2 or 3: follow the symptom up

flag-state-raised = raised
flag-state-not_raised = not raised
flag-state-indeterminate = indeterminate

## Safety rules: what a positive answer means (never the item text)

safety-phq9_item9 = thoughts of being better off dead or of self-harm: evaluate suicide risk whatever the total
safety-phq9m_item9 = thoughts of being better off dead or of self-harm: evaluate suicide risk whatever the total
safety-phq9m_serious_thoughts = serious thoughts of ending one's life in the past month: evaluate suicide risk
safety-phq9m_lifetime_attempt = a suicide attempt at any time in life: evaluate suicide risk
safety-hrsd17_item3 = suicide item: from feeling life is not worth living (1) to a suicide attempt (4)
safety-epds_item10 = thoughts of harming oneself: assess further, even when the total is below the cut-off
safety-cssrs_risk_level = C-SSRS screener risk level recorded by a clinician
