// Intentionally empty: this target only provides the entry points SwiftPM links against.
