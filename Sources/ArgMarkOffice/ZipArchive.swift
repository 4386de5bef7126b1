import CZlib

/// The members of a ZIP archive (a .docx is one), read from its central directory: stored or deflated members,
/// each inflated on demand and no larger than `maximumMemberSize`, so that a crafted archive cannot fill memory.
struct ZipArchive {
    struct Member {
        var name: String
        var method: Int
        var compressedSize: Int
        var size: Int
        var localHeader: Int
    }

    enum Failure: Error, Equatable {
        /// Not a ZIP archive, or a damaged one: what is wrong.
        case damaged(String)
        /// A member compressed in a way ArgMark does not read, or larger than it reads.
        case unsupported(String)
    }

    /// The largest member inflated, in bytes: a document's text is far smaller.
    static let maximumMemberSize = 128 << 20

    let bytes: [UInt8]
    let members: [Member]

    init(_ bytes: [UInt8]) throws(Failure) {
        self.bytes = bytes
        // The end-of-central-directory record: within the last 64 KB (its comment) + 22 bytes.
        guard bytes.count >= 22 else { throw .damaged("too short to be a ZIP archive") }
        var end = -1
        var k = bytes.count - 22
        while k >= max(0, bytes.count - 22 - 65_535) {
            if Self.uint32(bytes, k) == 0x0605_4B50 { end = k; break }
            k -= 1
        }
        guard end >= 0 else { throw .damaged("no ZIP central directory (a .docx or .odt is a ZIP archive; was it saved in another format?)") }
        let count = Self.uint16(bytes, end + 10)
        let directory = Self.uint32(bytes, end + 16)
        guard count != 0xFFFF, directory != 0xFFFF_FFFF else { throw .unsupported("a ZIP64 archive (over 4 GB or 65,535 members)") }
        var members: [Member] = []
        var offset = directory
        for _ in 0..<count {
            guard offset + 46 <= bytes.count, Self.uint32(bytes, offset) == 0x0201_4B50 else {
                throw .damaged("its central directory is cut off or damaged")
            }
            let nameLength = Self.uint16(bytes, offset + 28)
            let extraLength = Self.uint16(bytes, offset + 30)
            let commentLength = Self.uint16(bytes, offset + 32)
            guard offset + 46 + nameLength <= bytes.count else { throw .damaged("a member's name runs past the end") }
            members.append(Member(
                name: String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self),
                method: Self.uint16(bytes, offset + 10), compressedSize: Self.uint32(bytes, offset + 20),
                size: Self.uint32(bytes, offset + 24), localHeader: Self.uint32(bytes, offset + 42)))
            offset += 46 + nameLength + extraLength + commentLength
        }
        self.members = members
    }

    /// The member called `name`, inflated; nil when the archive has none.
    func member(_ name: String) throws(Failure) -> [UInt8]? {
        // Some tools store names with backslashes (word\document.xml), as Windows paths.
        guard let member = members.first(where: { $0.name == name })
            ?? members.first(where: { $0.name.replacingOccurrences(of: "\\", with: "/") == name }) else { return nil }
        guard member.size <= Self.maximumMemberSize else {
            throw .unsupported("\(name) unpacks to \(member.size >> 20) MB, more than ArgMark reads")
        }
        let header = member.localHeader
        guard header + 30 <= bytes.count, Self.uint32(bytes, header) == 0x0403_4B50 else {
            throw .damaged("\(name)'s entry is damaged")
        }
        let start = header + 30 + Self.uint16(bytes, header + 26) + Self.uint16(bytes, header + 28)
        guard start + member.compressedSize <= bytes.count else { throw .damaged("\(name) is cut off") }
        let data = bytes[start..<(start + member.compressedSize)]
        switch member.method {
        case 0: return Array(data)
        case 8: return try Self.inflate(data, size: member.size, name: name)
        default: throw .unsupported("\(name) is compressed with method \(member.method); save the document again (Word, LibreOffice)")
        }
    }

    /// Raw deflate, into exactly the size the directory gives.
    private static func inflate(_ data: ArraySlice<UInt8>, size: Int, name: String) throws(Failure) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: size)
        guard size > 0 else { return output }
        var stream = z_stream()
        guard argmark_inflate_init_raw(&stream) == Z_OK else { throw .damaged("zlib could not start") }
        defer { inflateEnd(&stream) }
        let status: Int32 = data.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = UInt32(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == size else { throw .damaged("\(name) does not unpack (damaged archive)") }
        return output
    }

    private static func uint16(_ b: [UInt8], _ i: Int) -> Int { i + 2 <= b.count ? Int(b[i]) | Int(b[i + 1]) << 8 : 0 }
    private static func uint32(_ b: [UInt8], _ i: Int) -> Int {
        i + 4 <= b.count ? Int(b[i]) | Int(b[i + 1]) << 8 | Int(b[i + 2]) << 16 | Int(b[i + 3]) << 24 : 0
    }
}
