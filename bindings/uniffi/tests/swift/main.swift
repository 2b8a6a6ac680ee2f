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
    try check(gap.local == "2026-03-29T02:30:00", gap.local)
    do {
        _ = try zonedToInstant(moment: gap)
        throw Failure(description: "no error")
    } catch IpsrtError.InvalidInput(_) {}
    try check(try zonedToInstantLenient(moment: gap) == "2026-03-29T01:30:00Z")
}

test("scenario: PHQ-9 item 9 raises the crisis level") {
    let s = try scoreMeasure(instrument: .phq9, values: [1, 1, 2, 1, 0, 1, 0, 0, 2], policy: nil, bandScheme: nil)
    try check(s.total == 8)
    try check(s.flags.contains { $0.id == "item9_positive" && $0.state == .raised })
    let plan = try RelapsePlan(effectiveFrom: "2026-01-01")
    let machine = AlertMachine()
    let a = try machine.observe(plan: plan, date: "2026-03-01", observed: .phq9(total: 8, item9: 2), at: nil)
    try check(a.level == .crisis, "\(a.level)")
    try check(try AlertMachine.fromJson(json: machine.toJson()).level() == .crisis)
}

test("srm: a week with per-item detail") {
    let diary = SrmDiary(form: .srm5)
    let times = ["06:00", "05:50", "08:01", "07:55", "05:45", "05:50", "05:50"]
    for (i, t) in times.enumerated() {
        try diary.add(date: String(format: "2026-01-%02d", 5 + i), item: .outOfBed, status: .done(time: t), recordedAt: nil)
    }
    let s = try diary.scoreWeek(start: "2026-01-05", optionsJson: nil)
    try check(s.score == 5.0, "\(String(describing: s.score))")
    try check(s.items.first?.habitual == "06:12")
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
    let course = try Course.create(date: "2026-09-01", protocolId: .wmkAcute, taxonomy: .wmk4)
    var sam = try newPerson(id: "partner", name: "Sam", role: "partner")
    sam.circle = .inner
    try course.addPerson(date: "2026-09-01", person: sam)
    try check(try course.person(id: "partner").circle == .inner)
    sam.supportPotential = 5
    do {
        try course.updatePerson(date: "2026-09-01", person: sam)
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
