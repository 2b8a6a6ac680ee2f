// Swift tests of the ipsrt bindings, for a machine with a Swift toolchain (macOS or Linux).
// Not run by CI here (no Swift on the build machine); see docs/mobile.md, "Testing the Swift
// bindings", for the exact commands. Prints "swift: N passed, N failed" and exits 1 on failure.
// Needs the cdylib built with `--features panic-probe` (as scripts/test-kotlin.sh does).

import Foundation

var passed = 0
var failed = 0

func test(_ name: String, _ body: () throws -> Void) {
    do {
        try body()
        passed += 1
        print("ok    \(name)")
    } catch {
        failed += 1
        print("FAIL  \(name): \(error)")
    }
}

struct Failure: Error, CustomStringConvertible {
    let description: String
}

func check(_ cond: Bool, _ msg: @autoclosure () -> String = "check failed") throws {
    if !cond { throw Failure(description: msg()) }
}

// Dates and clock times are Foundation DateComponents in Swift (bindings/uniffi/uniffi.toml).
func day(_ year: Int, _ month: Int, _ d: Int) -> DateComponents {
    DateComponents(calendar: Calendar(identifier: .gregorian), year: year, month: month, day: d)
}

func clock(_ hour: Int, _ minute: Int) -> DateComponents {
    DateComponents(hour: hour, minute: minute)
}

func instant(_ text: String) throws -> Date {
    guard let t = ISO8601DateFormatter().date(from: text) else { throw Failure(description: "bad instant \(text)") }
    return t
}

test("errors: one case per kind, carrying the core's message") {
    do {
        _ = try parseClockTime(text: "24:00")
        throw Failure(description: "no error")
    } catch IpsrtError.InvalidInput(let message) {
        try check(message.contains("24-hour clock"), message)
    }
}

test("errors: a panic inside Rust becomes IpsrtError.Internal") {
    try check(try panicProbe(divisor: 2) == 50)
    do {
        _ = try panicProbe(divisor: 0)
        throw Failure(description: "no error")
    } catch IpsrtError.Internal(let message) {
        try check(message.contains("caught a panic"), message)
    }
    try check(try panicProbe(divisor: 4) == 25)
}

test("time: DST gap is strict, lenient moves later by the gap's length") {
    let gap = try parseZonedDateTime(local: "2026-03-29T02:30", zone: "Europe/Amsterdam")
    try check(gap.local.year == 2026 && gap.local.month == 3 && gap.local.day == 29, "\(gap.local)")
    try check(gap.local.hour == 2 && gap.local.minute == 30 && gap.local.second == 0, "\(gap.local)")
    try check(gap.zone.identifier == "Europe/Amsterdam", gap.zone.identifier)
    do {
        _ = try zonedToInstant(moment: gap)
        throw Failure(description: "no error")
    } catch IpsrtError.InvalidInput(_) {}
    try check(try zonedToInstantLenient(moment: gap) == (try instant("2026-03-29T01:30:00Z")))
}

test("time: Foundation types both ways (DateComponents, TimeZone, Date)") {
    let zone = Foundation.TimeZone(identifier: "Europe/Amsterdam")!
    let back = try zonedFromInstant(instant: try instant("2026-03-29T01:30:00Z"), zone: zone)
    try check(back.local.hour == 3 && back.local.minute == 30, "\(back.local)")
    try check(try zonedToInstant(moment: back) == (try instant("2026-03-29T01:30:00Z")))
    try check(try clockTimeMinutes(time: clock(7, 5)) == 425)
    let t = try parseClockTime(text: "07:05")
    try check(t.hour == 7 && t.minute == 5, "\(t)")
    do {
        _ = try clockTimeMinutes(time: DateComponents(hour: 7))
        throw Failure(description: "no error")
    } catch IpsrtError.InvalidInput(let message) {
        try check(message.contains("without hour and minute"), message)
    }
}

test("errors: a message names operations as Swift calls them (addPerson)") {
    try check(operationNames()["person_added"] == "addPerson")
    let course = try Course.create(date: day(2026, 9, 1), protocolId: .wmkAcute, taxonomy: .wmk4)
    do {
        try course.removePerson(date: day(2026, 9, 1), personId: "nobody")
        throw Failure(description: "no error")
    } catch IpsrtError.NotFound(let message) {
        try check(message.contains("add them first (addPerson)"), message)
    }
}

test("scenario: PHQ-9 item 9 raises the crisis level") {
    let s = try scoreMeasure(instrument: .phq9, values: [1, 1, 2, 1, 0, 1, 0, 0, 2], policy: nil, bandScheme: nil)
    try check(s.total == 8)
    try check(s.flags.contains { $0.id == "item9_positive" && $0.state == .raised })
    let plan = try RelapsePlan(effectiveFrom: day(2026, 1, 1))
    let machine = AlertMachine()
    let a = try machine.observe(plan: plan, date: day(2026, 3, 1), observed: .phq9(total: 8, item9: 2), at: nil)
    try check(a.level == .crisis, "\(a.level)")
    try check(try AlertMachine.fromJson(json: machine.toJson()).level() == .crisis)
}

test("srm: a week with per-item detail") {
    let diary = SrmDiary(form: .srm5)
    let times = [(6, 0), (5, 50), (8, 1), (7, 55), (5, 45), (5, 50), (5, 50)]
    for (i, t) in times.enumerated() {
        try diary.add(date: day(2026, 1, 5 + i), item: .outOfBed, status: .done(time: clock(t.0, t.1)), recordedAt: nil)
    }
    let s = try diary.scoreWeek(start: day(2026, 1, 5), options: nil)
    try check(s.score == 5.0, "\(String(describing: s.score))")
    let habitual = s.items.first?.habitual
    try check(habitual?.hour == 6 && habitual?.minute == 12, "\(String(describing: habitual))")
}

test("typed rules, options, forms and guidance (no JSON)") {
    let rules = try groupDefaultRules(groupType: .iptG)
    try check(rules.plannedSessions?.value == 20)
    var own = rules
    own.typical = CitedRange(low: 9, high: 6, source: rules.typical.source)
    do { _ = try Group.withRules(rules: own); try check(false, "reversed range accepted") } catch IpsrtError.InvalidInput(_) {}
    try check(try Group.withRules(rules: rules).rules() == rules)
    var options = try srmDefaultScoringOptions()
    options.sdFloorMin = 10
    let diary = try SrmDiary.withForm(form: .srm17(activityA: "guitar", activityB: nil))
    try check(try diary.form() == .srm17(activityA: "guitar", activityB: nil))
    _ = try diary.scoreWeeks(options: options)
    let plan = try RelapsePlan(effectiveFrom: day(2026, 1, 1), region: .nl)
    try plan.setGuidance(guidance: try defaultGuidance(locale: .nl))
    try check(try plan.guidance().green == ["Volg je dagelijkse onderhoudsplan."])
}

test("group: snapshot round trip equals the shared fixture") {
    let url = URL(fileURLWithPath: "test-vectors/persist/ipsrt.group.v2.json")
    let text = try String(contentsOf: url, encoding: .utf8)
    let g = try Group.fromJson(json: text)
    let a = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
    let b = try JSONSerialization.jsonObject(with: Data(try g.toJson().utf8)) as? NSDictionary
    try check(a != nil && a == b, "JSON differs")
}

test("inventory: a typed person added and edited; the core validates") {
    let course = try Course.create(date: day(2026, 9, 1), protocolId: .wmkAcute, taxonomy: .wmk4)
    var sam = try newPerson(id: "partner", name: "Sam", role: "partner")
    sam.circle = .inner
    try course.addPerson(date: day(2026, 9, 1), person: sam)
    try check(try course.person(id: "partner").circle == .inner)
    sam.supportPotential = 5
    do {
        try course.updatePerson(date: day(2026, 9, 1), person: sam)
        throw Failure(description: "no error")
    } catch IpsrtError.InvalidInput(let message) {
        try check(message.contains("support_potential"), message)
    }
    try check(try course.inventory().count == 1)
}

test("problem areas and questionnaires: typed guide and definition") {
    let guide = try problemAreaGuide(kind: .roleDispute, taxonomy: .wmk4)
    try check(!guide.goals.isEmpty && !guide.source.key.isEmpty)
    try check(try taxonomyInfo(taxonomy: .sr3).areas.count == 3)
    let phq9 = try instrumentDefinition(instrument: .phq9)
    try check(phq9.items.contains { $0.id == "phq9_9" } && phq9.totalMax == 27)
    let risk = try recurrenceRisk(basis: .seedS2, priorEpisodes: 1)
    try check(risk.percent == 50 && risk.source.key == "S2")
}

print("swift: \(passed) passed, \(failed) failed")
exit(failed == 0 && passed > 0 ? 0 : 1)
