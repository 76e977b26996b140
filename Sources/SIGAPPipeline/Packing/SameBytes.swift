import Foundation
import SIGAPDomain

/// Values compared and hashed by their exact UTF-8 bytes. Swift's own `String` equality is
/// canonical equivalence: `Café` written precomposed and decomposed are equal, so sharing one copy
/// by `==` could hand a row another row's bytes. What a row sent must come back byte for byte.
protocol SameBytes {
    func hashBytes(into hasher: inout Hasher)
    func hasSameBytes(as other: Self) -> Bool
}

/// A `SameBytes` value as a dictionary key.
struct SameBytesKey<Value: SameBytes & Sendable>: Hashable, Sendable {
    var value: Value

    static func == (left: Self, right: Self) -> Bool { left.value.hasSameBytes(as: right.value) }
    func hash(into hasher: inout Hasher) { value.hashBytes(into: &hasher) }
}

extension String: SameBytes {
    func hashBytes(into hasher: inout Hasher) {
        var text = self
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(utf8.count)
    }

    func hasSameBytes(as other: String) -> Bool {
        var left = self, right = other
        return left.withUTF8 { left in
            right.withUTF8 { right in
                left.count == right.count && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
            }
        }
    }
}

extension Optional: SameBytes where Wrapped: SameBytes {
    func hashBytes(into hasher: inout Hasher) {
        hasher.combine(self == nil)
        self?.hashBytes(into: &hasher)
    }

    func hasSameBytes(as other: Self) -> Bool {
        switch (self, other) {
        case (nil, nil): true
        case (let left?, let right?): left.hasSameBytes(as: right)
        default: false
        }
    }
}

extension Array: SameBytes where Element: SameBytes {
    func hashBytes(into hasher: inout Hasher) {
        hasher.combine(count)
        for element in self { element.hashBytes(into: &hasher) }
    }

    func hasSameBytes(as other: Self) -> Bool {
        count == other.count && zip(self, other).allSatisfy { $0.hasSameBytes(as: $1) }
    }
}

extension DistrictValue: SameBytes {
    func hashBytes(into hasher: inout Hasher) {
        code.hashBytes(into: &hasher)
        name.hashBytes(into: &hasher)
    }

    func hasSameBytes(as other: DistrictValue) -> Bool {
        code.hasSameBytes(as: other.code) && name.hasSameBytes(as: other.name)
    }
}
