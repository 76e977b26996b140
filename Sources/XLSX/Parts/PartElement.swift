import CXMLBridge
import Foundation

/// A small XML part (relationships, workbook, styles) as a tree. Names are local names; namespaces
/// are kept as URIs so that matching never depends on prefixes.
struct PartElement: Sendable {
    struct Attribute: Sendable {
        var name: String
        var namespace: String
        var value: String
    }

    var name: String
    var namespace: String
    var attributes: [Attribute]
    var children: [PartElement]
    var text: String

    /// The value of an attribute without a namespace.
    subscript(attribute name: String) -> String? {
        attributes.first { $0.name == name && $0.namespace.isEmpty }?.value
    }

    /// The value of a namespaced attribute whose namespace URI satisfies `matches`.
    func attribute(_ name: String, namespace matches: (String) -> Bool) -> String? {
        attributes.first { $0.name == name && matches($0.namespace) }?.value
    }

    func children(named name: String) -> [PartElement] {
        children.filter { $0.name == name }
    }

    func child(named name: String) -> PartElement? {
        children.first { $0.name == name }
    }

    /// Parses a whole part held in memory.
    static func parse(_ bytes: [UInt8], part: String, limits: ReaderLimits) throws(XLSXError) -> PartElement {
        let parser = try SAXParser(mode: CXB_MODE_EVENTS, limits: limits, part: part)
        var builder = TreeBuilder()
        var offset = 0
        repeat {
            let end = min(bytes.count, offset + EntryReader.chunkSize)
            let failure = bytes.withUnsafeBytes { buffer -> XLSXError? in
                do {
                    try parser.feed(UnsafeRawBufferPointer(rebasing: buffer[offset..<end]), last: end == bytes.count)
                    return nil
                } catch {
                    return (error as? XLSXError) ?? XLSXError(.io, "\(error)")
                }
            }
            if let failure { throw failure }
            builder.take(parser)
            parser.clearBatch()
            offset = end
        } while offset < bytes.count
        guard let root = builder.root else {
            throw XLSXError(.invalidXML, "the part has no root element", part: part)
        }
        return root
    }

    /// Without entity substitution libxml2 hands back `&` in attribute values as `&#38;` (and only
    /// `&`), so this is the exact inverse.
    static func attributeValue(_ raw: String) -> String {
        raw.contains("&#38;") ? raw.replacingOccurrences(of: "&#38;", with: "&") : raw
    }

    private struct TreeBuilder {
        var stack: [PartElement] = []
        var root: PartElement?

        mutating func take(_ parser: SAXParser) {
            let text = parser.text
            let attributes = parser.attributes
            func string(_ offset: UInt32, _ length: UInt32) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: text[Int(offset)..<Int(offset + length)]), as: UTF8.self)
            }
            for event in parser.events {
                switch event.kind {
                case UInt32(CXB_EVENT_START.rawValue):
                    var element = PartElement(
                        name: string(event.name_offset, event.name_length),
                        namespace: string(event.namespace_offset, event.namespace_length),
                        attributes: [], children: [], text: "")
                    for index in Int(event.attribute_first)..<Int(event.attribute_first + event.attribute_count) {
                        let attribute = attributes[index]
                        element.attributes.append(
                            Attribute(
                                name: string(attribute.name_offset, attribute.name_length),
                                namespace: string(attribute.namespace_offset, attribute.namespace_length),
                                value: PartElement.attributeValue(string(attribute.value_offset, attribute.value_length))))
                    }
                    stack.append(element)
                case UInt32(CXB_EVENT_END.rawValue):
                    guard let element = stack.popLast() else { continue }
                    if stack.isEmpty {
                        root = element
                    } else {
                        stack[stack.count - 1].children.append(element)
                    }
                default:
                    if !stack.isEmpty { stack[stack.count - 1].text += string(event.text_offset, event.text_length) }
                }
            }
        }
    }
}
