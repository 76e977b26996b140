/// One relationship of a part: its type (matched by the last path segment, so that transitional
/// and Strict URIs agree) and its resolved target part.
struct Relationship: Sendable {
    var id: String
    var type: String
    var target: String
    var isExternal: Bool

    /// `officeDocument`, `worksheet`, `sharedStrings`, ... : the type URI's last segment.
    var kind: String {
        type.split(separator: "/").last.map(String.init) ?? type
    }

    static func parse(_ root: PartElement, source: String) -> [Relationship] {
        root.children(named: "Relationship").compactMap { element in
            guard let id = element[attribute: "Id"], let type = element[attribute: "Type"],
                let target = element[attribute: "Target"]
            else { return nil }
            let external = element[attribute: "TargetMode"]?.lowercased() == "external"
            return Relationship(
                id: id, type: type, target: external ? target : PartName.resolve(target, from: source), isExternal: external)
        }
    }
}
