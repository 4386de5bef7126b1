import ArgMarkCore
import ArgMarkPipeline
import ArgMarkTEI
import ArgMarkXML
import Foundation
import Testing

struct TEIReaderTests {
    @Test func grobidArticle() throws {
        let document = try readTEI(try fixtureBytes("grobid-article.en.tei.xml"), id: "grobid-article.en")
        let m = document.metadata
        #expect(m.titles["en"] == "Shade Before Speed: Street-Tree Canopy as Urban Heat Policy")
        #expect(m.authors == ["Mara J Okafor", "Tomas Lindqvist"])
        #expect(m.doi == "10.5555/example.2023.0042")
        #expect(m.keywords["en"] == ["urban heat", "street trees", "climate adaptation", "environmental justice"])
        #expect(m.abstracts["en"]?.hasPrefix("Urban heat is usually treated") ?? false)
        let headings = document.units.filter { $0.kind == .heading }.map(\.text)
        #expect(headings == ["1. Introduction", "2. Evidence from surface temperatures", "3. Costs and objections", "4. Conclusion"])
        let sentences = document.units.filter { $0.kind == .sentence }
        #expect(sentences.count == 17)
        // Abbreviations, decimals and et al. do not split; figures, captions and notes are not body text.
        #expect(sentences.contains { $0.text.hasPrefix("Most municipal heat plans, e.g. cooling centres") })
        #expect(sentences.contains { $0.text.contains("3.5 °C cooler") && $0.text.hasPrefix("Ortiz et al. (2022)") })
        #expect(!sentences.contains { $0.text.contains("Mean afternoon surface temperature") || $0.text.contains("census tracts") })
        // Citations and footnotes become note references to the reference list and the footnote.
        #expect(sentences[0].noteRefs == ["b0"])
        let footnoted = try #require(sentences.first { $0.text.hasSuffix("city.[1]") })
        #expect(footnoted.noteRefs == ["foot_0"])
        #expect(document.notes.map(\.id) == ["foot_0", "b0", "b1", "b2"])
        #expect(document.notes[1].text.contains("A Smith"))
        #expect(document.sections.map(\.level) == [1, 1, 1, 1])
        #expect(document.originalTEIHeader?.contains("GROBID") ?? false)
        #expect(document.validate().isEmpty)
    }

    /// A note set inline where it is cited, without an xml:id, as editions encode it, is the note of the sentence
    /// that cites it.
    @Test func anInlineNoteWithoutAnIDIsItsSentencesNote() throws {
        let tei = """
            <TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>A letter</title></titleStmt>
            <publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
            <text><body><p>We argue that the government must act now.<note place="foot" n="1">Smith to Jones, 3 May 1921.</note> The new tax raised 5 per cent more in 1920.</p></body></text></TEI>
            """
        let document = try readTEI(Array(tei.utf8), id: "letter")
        #expect(document.notes.map(\.text) == ["Smith to Jones, 3 May 1921."])
        #expect(document.units.filter { $0.kind == .sentence }.map(\.noteRefs) == [[document.notes[0].id], []])
    }

    /// Another tool's header holding ids ArgMark's encoding gives (its own category arg-claim, score-s1) is kept as
    /// it is, an id starting argmark included; writing it as TEI is refused, naming the id, rather than written
    /// invalid with every @ana="#arg-claim" pointing at the source's category.
    @Test func aForeignHeaderWhoseIDsArgMarkWouldGiveAgainIsNamed() throws {
        func tei(_ ids: (String, String)) -> [UInt8] {
            Array("""
                <TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>An edition</title></titleStmt>
                <publicationStmt><p xml:id="\(ids.0)">Published by a project.</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>
                <encodingDesc><classDecl><taxonomy xml:id="their-labels"><category xml:id="\(ids.1)"><catDesc>their claim</catDesc></category></taxonomy></classDecl></encodingDesc></teiHeader>
                <text><body><p>We argue that archives should be open. The national archive opened in 2019.</p></body></text></TEI>
                """.utf8)
        }
        for (ids, named) in [(("pub", "arg-claim"), "arg-claim"), (("score-s1", "theirs"), "score-s1"), (("argmark-note", "theirs"), "argmark-note")] {
            let document = try readTEI(tei(ids), id: "edition")
            #expect(document.originalTEIHeader?.contains(#"xml:id="\#(ids.0)""#) == true, "\(ids)")
            #expect { try writeTEI(document) } throws: { error in
                "\(error)".contains("xml:id=\"\(named)\"") && "\(error)".contains("rename it in the source TEI")
            }
        }
        let fine = try readTEI(tei(("pub", "theirs")), id: "edition")
        let written = try writeTEI(fine)
        // ArgMark's own additions are taken out again on reading its export, the source's header kept.
        #expect(try readTEI(written, id: "edition").originalTEIHeader == fine.originalTEIHeader)
    }

    /// An edition's annotator declared as a person in its header (particDesc's listPerson) is who its @resp names;
    /// its paragraph id with a prefix ArgMark's encoding reserves (arg-1) gets a fresh one, so that it writes as TEI.
    @Test func anEditionsPersonsAndReservedIDsAreRead() throws {
        let tei = Array(##"""
            <TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>An edition</title></titleStmt>
            <publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>
            <profileDesc><particDesc><listPerson><person xml:id="ann-zhao"><persName>Zhao Li</persName></person></listPerson></particDesc></profileDesc></teiHeader>
            <text><body><p xml:id="arg-1"><s ana="#arg-claim" resp="#ann-zhao">We argue that archives should be open.</s> <s>The archive opened in 2019.</s></p></body></text></TEI>
            """##.utf8)
        let document = try readTEI(tei, id: "edition")
        #expect(document.units.first { $0.kind == .sentence }?.annotation.labeledBy == .human("Zhao Li"))
        #expect(!document.paragraphs.contains { $0.id == "arg-1" })
        let written = String(decoding: try writeTEI(document), as: UTF8.self)
        #expect(written.contains("Zhao Li"))
    }

    @Test func paragraphsOnlyAreSegmentedAndKeepTheirIDs() throws {
        let document = try readTEI(try fixtureBytes("paragraphs-only.zh.tei.xml"), id: "p")
        let sentences = document.units.filter { $0.kind == .sentence }
        #expect(sentences.count == 11)
        #expect(sentences.allSatisfy { $0.language == .zh })
        #expect(Set(sentences.map(\.paragraph)) == ["p1", "p2", "p3", "p4"])
        #expect(sentences.contains { $0.text.hasPrefix("例如，𠮷田里社区") })
        #expect(sentences.contains { $0.text.contains("“养老服务站&社区卫生室”") })
        #expect(sentences.contains { $0.text == "为什么部分服务站门可罗雀？" })
        // Offsets count in the rendering: consecutive, non-overlapping.
        #expect(document.validate().isEmpty)
        // Exported and read again, a heading keeps its text (the paragraph id the export keeps in head/@n, p1-1,
        // is no GROBID section number to put in front of it).
        let again = try readTEI(try writeTEI(document), id: "p")
        #expect(again.units.filter { $0.kind == .heading }.map(\.text) == document.units.filter { $0.kind == .heading }.map(\.text))
    }

    /// A back-matter division segmented into labelled sentences (an English abstract, as in the reference encoding)
    /// is read after the body, so links into it resolve; notes and an unsegmented appendix stay out. Nothing in its
    /// text is markup a rewrite of ArgMark's own TEI would lose, while an edition's names and corrections are.
    @Test func aSegmentedBackDivisionIsRead() throws {
        let bytes = try fixtureBytes("back-abstract.tei.xml")
        let document = try readTEI(bytes, id: "b")
        let sentences = document.units.filter { $0.kind == .sentence }
        #expect(sentences.map(\.id) == ["s1", "s2", "s3", "s4"])
        #expect(sentences.map(\.annotation.label) == [.claim, .evidence, .claim, .prescription])
        #expect(document.unit("s4")?.annotation.parent == "s3" && document.unit("s3")?.language == .en)
        #expect(document.units.contains { $0.kind == .heading && $0.text == "Abstract" })
        #expect(!document.units.contains { $0.text.contains("appendix") })
        #expect(document.validate().isEmpty)
        // Another tool's TEI is not reproduced on a rewrite; in ArgMark's own, markup it does not write is named.
        #expect(TEIReader.markupNotKept(in: bytes).first?.contains("another tool's TEI") == true)
        // ArgMark's offset declaration alone, without offsets on its sentences, does not make it ArgMark's.
        let declared = String(decoding: bytes, as: UTF8.self).replacingOccurrences(
            of: "</fileDesc>",
            with: #"</fileDesc><encodingDesc><listPrefixDef xml:id="argmark-prefixes"><prefixDef ident="char" matchPattern="([0-9]+),([0-9]+)" replacementPattern="a.txt#char=$1,$2"/></listPrefixDef></encodingDesc>"#)
        #expect(TEIReader.markupNotKept(in: Array(declared.utf8)).first?.contains("another tool's TEI") == true)
        let own = String(decoding: bytes, as: UTF8.self)
            .replacingOccurrences(of: "<publicationStmt>", with: "<publicationStmt><idno type=\"argmark\">b</idno>")
        #expect(TEIReader.markupNotKept(in: Array(own.utf8)).isEmpty)
        let edition = own
            .replacingOccurrences(of: "平台应当", with: "<hi rend=\"bold\">平台</hi><!-- checked -->应当")
            .replacingOccurrences(of: "<p>\n          <s xml:id=\"s3\"", with: "<p rend=\"indent\">\n          <s xml:id=\"s3\"")
        #expect(TEIReader.markupNotKept(in: Array(edition.utf8)) == [
            "a comment or processing instruction at line 15", "<hi> at line 15", "rend=\"indent\" on <p> at line 23",
        ])
    }

    @Test func sentencesKeepTheirIDsAndInlineMarkupText() throws {
        let document = try readTEI(try fixtureBytes("sentences.en.tei.xml"), id: "s")
        let ids = document.units.filter { $0.kind == .sentence }.map(\.id)
        #expect(ids == (1...10).map { "sent-\($0)" })
        #expect(document.paragraphs.filter { $0.id.hasPrefix("para-") }.count == 4)
        let italic = try #require(document.unit("sent-7"))
        #expect(italic.text == "Yet the cost per visit is lower in the evening than in the morning, because rooms are fuller.")
        #expect(document.unit("sent-4")?.noteRefs == ["fn1"])
        #expect(document.metadata.authors == ["R. Example"])
        // Generated heading ids do not collide with the source's ids.
        #expect(Set(document.units.map(\.id)).count == document.units.count)
    }

    /// An edition reads as its editor's text: one reading of each choice and apparatus entry, no deletions, words
    /// joined across breaks marked break="no", and footnotes out of the heading and sentence text.
    @Test func anEditionReadsAsItsEditorsText() throws {
        let document = try readTEI(try fixtureBytes("edition.en.tei.xml"), id: "edition.en")
        #expect(document.units.map(\.text) == [
            "The Government and the harbour",
            "The government should repeal the harbour tax.",
            "It has the means to do so.",
            "Merchants argue otherwise.",
            "The ship owners agree with them.",
            "The end of the line is a word boundary, and a page break inside a word joins it: harbour.",
        ])
        #expect(document.notes.map(\.text) == ["Added in a later hand.", "The tax of 1851."])
    }

    @Test func foreignHeaderIsKeptThroughExportAndReimport() throws {
        let first = try readTEI(try fixtureBytes("sentences.en.tei.xml"), id: "s")
        var annotated = first
        let index = try #require(annotated.index(ofUnit: "sent-8"))
        annotated.units[index].annotation = SentenceAnnotation(label: .prescription, labeledBy: .human("ana"))
        let exported = try writeTEI(annotated)
        let text = String(decoding: exported, as: UTF8.self)
        #expect(text.contains("<projectDesc>"))
        #expect(text.contains(#"<s xml:id="sent-8""#))
        #expect(text.contains(##"ana="#arg-prescription" resp="#argmark-human-ana""##))
        // Reading the export back gives the same kept header (ArgMark's additions are taken out again) and labels,
        // and exporting again gives the same bytes.
        let second = try readTEI(exported, id: "s")
        #expect(second.originalTEIHeader == first.originalTEIHeader)
        #expect(second.unit("sent-8")?.annotation.label == .prescription)
        #expect(second.unit("sent-8")?.annotation.labeledBy == .human("ana"))
        #expect(try writeTEI(second) == exported)
    }

    @Test func foreignExportValidatesWhereTheSourceDid() throws {
        // A source header without encodingDesc or revisionDesc gets ArgMark's own, in TEI's order.
        let document = try readTEI(try fixtureBytes("paragraphs-only.zh.tei.xml"), id: "p")
        let text = String(decoding: try writeTEI(document), as: UTF8.self)
        let encoding = try #require(text.range(of: "<encodingDesc xml:id=\"argmark-encoding\">"))
        let fileDescEnd = try #require(text.range(of: "</fileDesc>"))
        #expect(fileDescEnd.upperBound <= encoding.lowerBound)
    }

    @Test(arguments: ["xxe.xml", "billion-laughs.xml"])
    func entityAttacksAreRefused(_ name: String) throws {
        #expect {
            try readTEI(try fixtureBytes(name))
        } throws: { error in
            guard case .malformed(let line, let message) = error as? DocumentReadError else { return false }
            return line > 0 && message.contains("never expands")
        }
    }

    /// ArgMark's own TEI edited by hand: a link type misspelt or missing, a sentence id given twice and a @cert that
    /// is no probability are errors naming the line, not an attack read as a support, one sentence's labels given to
    /// another, or a confidence dropped.
    @Test(arguments: [
        (##"<link type="attack" target="#s6 #s3""##, ##"<link type="atack" target="#s6 #s3""##, #"an argument link has type="atack"; it is type="support" or type="attack""#),
        (##"<link type="attack" target="#s6 #s3""##, ##"<link target="#s6 #s3""##, "an argument link has no type"),
        (#"<s xml:id="s4""#, #"<s xml:id="s3""#, #"a second <s> has the xml:id "s3""#),
        (#"cert="0.4"/>"#, #"cert="1.7"/>"#, #"cert="1.7" is no probability"#),
        (##"<head xml:id="s2""##, ##"<head ana="#arg-claim" xml:id="s2""##, "the heading s2 carries a label"),
        (#"cert="0.4"/>"#, #"cert="0,4"/>"#, #"cert="0,4" is no probability; a confidence is a number from 0 to 1 (with a full stop"#),
    ])
    func handEditsOfOwnTEIAreChecked(original: String, edited: String, message: String) throws {
        let tei = String(decoding: try writeTEI(try readJSONL(try fixtureBytes("varied.jsonl"))), as: UTF8.self)
        #expect(tei.contains(original))
        #expect {
            try readTEI(Array(tei.replacingOccurrences(of: original, with: edited).utf8))
        } throws: { error in
            guard case .malformed(let line, let text) = error as? DocumentReadError else { return false }
            return line > 0 && text.contains(message)
        }
    }

    /// The plugins that made the annotation are declared as applications with their role, order, fingerprint and
    /// weight (the scorer, which names no annotator, too), and read back as they were.
    @Test func thePluginsOfTheRunAreDeclaredAndReadBack() throws {
        let document = try readJSONL(try fixtureBytes("varied.jsonl"))
        #expect(document.plugins.map(\.id) == ["label.model.zh.v1", "label.cue.zh.v1", "link.tree.v1", "score.dfquad.v1"])
        let tei = String(decoding: try writeTEI(document), as: UTF8.self)
        #expect(tei.contains(#"ident="label.cue.zh.v1" version="1" type="label" n="2">"#))
        #expect(tei.contains(#"<desc type="fingerprint">fnv1a64w:fedcba9876543210</desc>"#) && tei.contains(#"<desc type="weight">0.75</desc>"#))
        #expect(tei.contains(#"ident="score.dfquad.v1" version="1" type="score" n="4">"#))
        #expect(try readTEI(Array(tei.utf8)).plugins == document.plugins)
        // Another tool's application, whatever its type, is that tool's, not a plugin of ArgMark's run.
        let foreign = tei.replacingOccurrences(of: "<appInfo>", with: #"<appInfo><application ident="spacy" version="3" type="label"><label>spacy</label></application>"#)
        #expect(foreign != tei)
        #expect(try readTEI(Array(foreign.utf8)).plugins == document.plugins)
    }

    /// What @cert means is declared with ArgMark's application and in the interpretation note, the shares pointed
    /// at where the confidences are of both kinds, and read back sentence by sentence.
    @Test func whatTheConfidencesMeanIsDeclaredAndReadBack() throws {
        var document = try readJSONL(try fixtureBytes("varied.jsonl"))
        let machine = document.units.indices.filter { document.units[$0].annotation.confidence != nil && !document.units[$0].annotation.isKeptLabel }
        #expect(machine.count >= 2)
        for (scale, meaning) in [(ConfidenceScale.calibrated, "the probability that the label is right"), (.share, "no calibrated probability")] {
            for i in machine { document.units[i].annotation.confidenceScale = scale }
            let tei = String(decoding: try writeTEI(document), as: UTF8.self)
            #expect(tei.contains(#"<desc type="confidences">\#(scale.rawValue)</desc>"#) && tei.contains(meaning) && !tei.contains("shareConfidences"), "\(scale)")
            #expect(try readTEI(Array(tei.utf8)).units.map(\.annotation.confidenceScale) == document.units.map(\.annotation.confidenceScale))
        }
        document.units[machine[0]].annotation.confidenceScale = .calibrated
        let mixed = String(decoding: try writeTEI(document), as: UTF8.self)
        let shares = machine.dropFirst().map { "#" + document.units[$0].id }.joined(separator: " ")
        let calibrated = ##"<ptr type="calibratedConfidences" target="#\##(document.units[machine[0]].id)"/>"##
        #expect(mixed.contains(#"<desc type="confidences">mixed</desc>"#) && mixed.contains(#"<ptr type="shareConfidences" target="\#(shares)"/>"#))
        #expect(mixed.contains(calibrated) && mixed.contains("for some sentences a calibrated probability"))
        #expect(try readTEI(Array(mixed.utf8)).units.map(\.annotation.confidenceScale) == document.units.map(\.annotation.confidenceScale))
        // One that does not say (an older file's) is pointed at by neither, and stays so.
        var partly = document
        partly.units[machine[0]].annotation.confidenceScale = nil
        let partlyTEI = String(decoding: try writeTEI(partly), as: UTF8.self)
        #expect(!partlyTEI.contains("calibratedConfidences") && partlyTEI.contains("for others unrecorded (read from a file that did not say)"))
        #expect(!partlyTEI.contains("a calibrated probability that the label is right"))
        #expect(try readTEI(Array(partlyTEI.utf8)).units.map(\.annotation.confidenceScale) == partly.units.map(\.annotation.confidenceScale))
        // A scale that is none of them, a mixed one that does not say which is which, and a pointer astray are
        // refused with their line, not taken for calibrated.
        for broken in [mixed.replacingOccurrences(of: ">mixed</desc>", with: ">probability</desc>"),
                       mixed.replacingOccurrences(of: calibrated, with: "").replacingOccurrences(of: #"<ptr type="shareConfidences" target="\#(shares)"/>"#, with: ""),
                       mixed.replacingOccurrences(of: calibrated, with: ##"<ptr type="calibratedConfidences" target="#s99"/>"##)] {
            #expect(broken != mixed)
            #expect { try readTEI(Array(broken.utf8)) } throws: { error in
                "\(error)".contains("calibrated, share or mixed") || "\(error)".contains("says which sentences are which") || "\(error)".contains("#s99, which is no sentence")
            }
        }
        for i in machine { document.units[i].annotation.confidenceScale = nil }
        let unsaid = String(decoding: try writeTEI(document), as: UTF8.self)
        #expect(!unsaid.contains(#"type="confidences""#) && unsaid.contains("@cert is the machine confidence. "))
        #expect(try readTEI(Array(unsaid.utf8)).confidenceScale == nil)
    }

    /// Annotations that contradict each other or point at nothing are named with their line rather than read
    /// silently: a resp that names no element (the label's origin lost, so never relabelled), two labels, two links
    /// for one sentence (the last had won), a respons pointing at no sentence (who chose the thesis lost).
    @Test func contradictoryOrDanglingAnnotationsAreNamed() throws {
        let tei = String(decoding: try writeTEI(try readJSONL(try fixtureBytes("varied.jsonl"))), as: UTF8.self)
        let s4 = ##"ana="#arg-evidence #score-s4" resp="#argmark-label.model.zh.v1""##
        let link = ##"<link type="support" target="#s5 #s4" resp="#argmark-human-王芳"/>"##
        let respons = ##"<respons locus="value" target="#s3""##
        #expect(tei.contains(s4) && tei.contains(link) && tei.contains(respons))
        for (edited, message) in [
            (tei.replacingOccurrences(of: s4, with: ##"ana="#arg-evidence #score-s4" resp="#nobody""##), ##"resp="#nobody" points at #nobody"##),
            (tei.replacingOccurrences(of: s4, with: ##"ana="#arg-evidence #arg-claim #score-s4" resp="#argmark-label.model.zh.v1""##), "ana names two labels"),
            (tei.replacingOccurrences(of: link, with: link + "\n" + ##"<link type="attack" target="#s5 #s3"/>"##), "s5 has a second argument link (the first is on line"),
            (tei.replacingOccurrences(of: respons, with: ##"<respons locus="value" target="#s77""##), ##"respons target="#s77" points at no sentence"##),
        ] {
            #expect(edited != tei)
            #expect { try readTEI(Array(edited.utf8)) } throws: { error in
                guard case .malformed(let line, let text) = error as? DocumentReadError else { return false }
                return line > 1 && text.contains(message)
            }
        }
        // A review time another tool gave as a date is kept and written to JSONL that reads back; one that is no
        // date is named at the sentence that points to it, not carried into a JSONL that would refuse it.
        let when = ##"when="2026-12-03T08:00:00Z""##
        #expect(tei.contains(when))
        let dated = try readTEI(Array(tei.replacingOccurrences(of: when, with: ##"when="2026-12-03""##).utf8))
        #expect(dated.units.contains { $0.annotation.reviewedAt == "2026-12-03" })
        #expect(try readJSONL(try writeJSONL(dated)).units.map(\.annotation.reviewedAt) == dated.units.map(\.annotation.reviewedAt))
        #expect { try readTEI(Array(tei.replacingOccurrences(of: when, with: ##"when="last week""##).utf8)) } throws: { error in
            guard case .malformed(let line, let text) = error as? DocumentReadError else { return false }
            return line > 1 && text.contains(##"when="last week", which is neither a date and time"##)
        }
        // A resp that names another element of the file (an editor declared elsewhere) is no annotator ArgMark
        // knows, as before: the label is read, its origin unknown.
        let elsewhere = tei.replacingOccurrences(of: s4, with: ##"ana="#arg-evidence #score-s4" resp="#s3""##)
        #expect(try readTEI(Array(elsewhere.utf8)).units.first { $0.id == "s4" }?.annotation.labeledBy == nil)
    }

    /// XML leaves a value's spaces to the reader: cert=" 0.4 " is the confidence 0.4, and TEI's words are no number.
    @Test func aConfidenceWithSpacesOrInWordsIsRead() throws {
        let tei = String(decoding: try writeTEI(try readJSONL(try fixtureBytes("varied.jsonl"))), as: UTF8.self)
        #expect(tei.contains(#"cert="0.4"/>"#))
        let spaced = try readTEI(Array(tei.replacingOccurrences(of: #"cert="0.4"/>"#, with: #"cert=" 0.4 "/>"#).utf8))
        #expect(spaced.units.contains { $0.annotation.linkConfidence == 0.4 || $0.annotation.confidence == 0.4 })
        let worded = try readTEI(Array(tei.replacingOccurrences(of: #"cert="0.4"/>"#, with: #"cert="high"/>"#).utf8))
        #expect(!worded.units.contains { $0.annotation.linkConfidence == 0.4 || $0.annotation.confidence == 0.4 })
    }

    /// The thesis mark and the links tell one story: a second mark, or a mark moved to a sentence that has a parent,
    /// is an error rather than a mark ignored.
    @Test func aThesisMarkThatContradictsTheTreeIsAnError() throws {
        let tei = String(decoding: try writeTEI(try readJSONL(try fixtureBytes("varied.jsonl"))), as: UTF8.self)
        #expect(tei.contains(#"<s xml:id="s3" type="thesis""#) && tei.contains(#"<s xml:id="s4""#))
        let twice = tei.replacingOccurrences(of: #"<s xml:id="s4""#, with: #"<s xml:id="s4" type="thesis""#)
        let moved = twice.replacingOccurrences(of: #"<s xml:id="s3" type="thesis""#, with: #"<s xml:id="s3""#)
        for (edited, message) in [(twice, #"2 sentences are marked type="thesis" (s3, s4)"#), (moved, #"s4 is marked type="thesis" but links to"#)] {
            #expect {
                try readTEI(Array(edited.utf8))
            } throws: { error in
                guard case .malformed(let line, let text) = error as? DocumentReadError else { return false }
                return line > 0 && text.contains(message)
            }
        }
    }

    @Test func badInputGetsClearErrors() throws {
        #expect(throws: DocumentReadError.empty) { try readTEI(Array("  \n".utf8)) }
        #expect {
            try readTEI(Array("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n<text><body><p>x</body></text></TEI>".utf8))
        } throws: { error in
            guard case .malformed(let line, _) = error as? DocumentReadError else { return false }
            return line == 2
        }
        #expect {
            try readTEI(Array("<html><body><p>Hello.</p></body></html>".utf8))
        } throws: { error in
            (error as? DocumentReadError)?.description.contains("not <TEI>") ?? false
        }
        #expect(throws: DocumentReadError.noSentences) {
            try readTEI(Array("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><div><head>Only</head></div></body></text></TEI>".utf8))
        }
        let deep = "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body>" + String(repeating: "<div>", count: 3000)
            + "<p>x.</p>" + String(repeating: "</div>", count: 3000) + "</body></text></TEI>"
        #expect(throws: DocumentReadError.self) { try readTEI(Array(deep.utf8)) }
    }

    @Test func unusableSourceIDsAreReplaced() throws {
        let tei = """
            <TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div>
            <p xml:id="1bad"><s xml:id="dup">One claim.</s><s xml:id="dup">Another one.</s></p>
            <p xml:id="dup"><s xml:id="has space">Third.</s></p>
            </div></body></text></TEI>
            """
        let document = try readTEI(Array(tei.utf8))
        #expect(document.validate().isEmpty)
        let ids = document.units.map(\.id) + document.paragraphs.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.contains("dup") && !ids.contains("1bad") && !ids.contains("has space"))
        // So the export is possible, and valid where the source was.
        #expect(throws: Never.self) { try writeTEI(document) }
    }

    @Test func ownExportWithoutOffsetsIsNamed() throws {
        var tei = String(decoding: try writeTEI(try readJSONL(try fixtureBytes("varied.jsonl"))), as: UTF8.self)
        tei = tei.replacingOccurrences(of: #" source="char:0,19""#, with: "")
        #expect {
            try readTEI(Array(tei.utf8))
        } throws: { error in
            (error as? DocumentReadError)?.description.contains("lacks source=") ?? false
        }
    }
}
