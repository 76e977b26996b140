import SIGAPDomain
import Yams

/// Typed reads from a YAML mapping node, with errors that name the key path and its position.
struct YAMLMapping {
    let node: Node
    let path: String
    let file: String
    private let pairs: [(key: String, value: Node)]

    init(_ node: Node, path: String, file: String) {
        self.node = node
        self.path = path
        self.file = file
        pairs = node.mapping.map { mapping in mapping.compactMap { key, value in key.string.map { ($0, value) } } } ?? []
    }

    var keys: [String] { pairs.map(\.key) }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String, _ problem: String) -> PipelineDefinitionError {
        let mark = value(key)?.mark ?? node.mark
        return PipelineDefinitionError(file: file, key: keyPath(key), line: mark?.line, column: mark?.column, problem: problem)
    }

    /// Refuses keys outside `known` (and a node that is not a mapping).
    mutating func allow(_ known: [String]) throws {
        guard node.mapping != nil else {
            throw PipelineDefinitionError(
                file: file, key: path.isEmpty ? nil : path, line: node.mark?.line, column: node.mark?.column,
                problem: "must be a mapping of keys to values")
        }
        for pair in pairs where !known.contains(pair.key) {
            throw PipelineDefinitionError(
                file: file, key: keyPath(pair.key), line: pair.value.mark?.line, column: pair.value.mark?.column,
                problem: "unknown key (known here: \(known.joined(separator: ", ")))")
        }
    }

    func value(_ key: String) -> Node? { pairs.first { $0.key == key }?.value }

    private func required(_ key: String) throws -> Node {
        guard let value = value(key) else {
            throw PipelineDefinitionError(
                file: file, key: keyPath(key), line: node.mark?.line, column: node.mark?.column, problem: "missing required key")
        }
        return value
    }

    func string(_ key: String) throws -> String {
        guard let text = try required(key).scalar?.string else { throw error(key, "must be a text value") }
        return text
    }

    func optionalString(_ key: String) throws -> String? {
        guard value(key) != nil else { return nil }
        return try string(key)
    }

    func integer(_ key: String) throws -> Int {
        guard let text = try required(key).scalar?.string, let number = Int(text) else { throw error(key, "must be a whole number") }
        return number
    }

    func optionalInteger(_ key: String) throws -> Int? {
        guard value(key) != nil else { return nil }
        return try integer(key)
    }

    func month(_ key: String) throws -> YearMonth {
        guard let text = try required(key).scalar?.string, let month = YearMonth(text) else {
            throw error(key, "must be a month written YYYY-MM")
        }
        return month
    }

    func strings(_ key: String) throws -> [String] {
        let node = try required(key)
        if let text = node.scalar?.string { return [text] }
        guard let items = node.sequence?.compactMap({ $0.scalar?.string }), items.count == node.sequence?.count else {
            throw error(key, "must be a list of text values")
        }
        return items
    }

    func sequence(_ key: String) throws -> [Node] {
        guard let items = try required(key).sequence else { throw error(key, "must be a list") }
        return Array(items)
    }

    func mapping(_ key: String) throws -> YAMLMapping {
        let node = try required(key)
        guard node.mapping != nil else { throw error(key, "must be a mapping of keys to values") }
        return YAMLMapping(node, path: keyPath(key), file: file)
    }

    func optionalMapping(_ key: String) throws -> YAMLMapping? {
        guard value(key) != nil else { return nil }
        return try mapping(key)
    }
}
