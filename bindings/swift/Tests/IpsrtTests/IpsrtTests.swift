// The Swift package's downstream test: uses only the shipped package (`import Ipsrt`, the
// XCFramework built by scripts/build-xcframework.sh, which has no test-only hooks), as an app
// would. `swift test` on macOS after building the XCFramework. The full Swift suite (with the
// panic probe) is bindings/uniffi/tests/swift/main.swift, compiled against a test build.
import XCTest
import Ipsrt

final class IpsrtTests: XCTestCase {
    func testVersion() {
        XCTAssertFalse(ipsrtVersion().isEmpty)
    }

    func testPhq9ScoresAndItem9RaisesASafetySignal() throws {
        let score = try scoreMeasure(instrument: .phq9, values: [1, 2, 0, 1, 1, 0, 0, 1, 1],
                                     policy: nil, bandScheme: nil)
        XCTAssertEqual(score.total, 7)
        XCTAssertFalse(score.safety.isEmpty)
    }

    func testCoreErrorsArriveTyped() {
        XCTAssertThrowsError(try parseClockTime(text: "24:00")) { error in
            guard case IpsrtError.InvalidInput(let message) = error else {
                return XCTFail("expected IpsrtError.InvalidInput, got \(error)")
            }
            XCTAssertTrue(message.contains("\"24:00\""), message)
        }
    }

    func testDatesAreFoundationTypes() throws {
        let moment = try parseZonedDateTime(local: "2026-03-29T03:30", zone: "Europe/Amsterdam")
        XCTAssertEqual(moment.zone.identifier, "Europe/Amsterdam")
        XCTAssertEqual(moment.local.hour, 3)
        let instant: Date = try zonedToInstant(moment: moment)
        XCTAssertEqual(instant, ISO8601DateFormatter().date(from: "2026-03-29T01:30:00Z"))
    }

    func testBibliography() throws {
        XCTAssertGreaterThan(try references().count, 10)
    }
}
