/// Text hard-wrapped at a fixed width (pdftotext output, e-mail, some journal and archive exports) breaks every
/// paragraph into lines of about the same width, and a reader that takes each line for a paragraph cuts sentences
/// in half. `HardWrap` finds such a text and joins each run of wrapped lines back into one paragraph; any other
/// text keeps one paragraph per line.
///
/// A line was wrapped when the next line's first word (or, in Chinese, its first character or two) would not
/// have fitted on it within the text's width, as a greedy wrap breaks lines, or when it reaches 85% of that width
/// in columns or in characters, as justified type from a PDF or a wrap by character count (where a line of Latin
/// letters and digits is narrower) leaves lines; a paragraph's last line is mostly short enough to have taken
/// more. A text counts as hard-wrapped when most lines that run straight on to another line are full in this
/// sense and the width is a plausible wrap width. A paragraph whose last line happens to be full runs on into the
/// next: its sentences stay whole either way.
enum HardWrap {
    /// The narrowest and widest wrap widths taken for one, in columns (a Chinese character is two): narrower
    /// "wraps" are lists of short items, wider ones paragraphs that happen to be of a length.
    static let narrowestWrap = 40
    static let widestWrap = 200
    /// A text needs at least this many wrapped lines to count as hard-wrapped.
    static let fewestWrappedLines = 8

    /// The text's non-empty lines, trimmed; in a hard-wrapped text, each run of wrapped lines is one range that
    /// spans the line breaks (`string(_:)` joins its text back).
    static func logicalLines(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        layout(scalars).lines
    }

    /// The logical lines, and the wrap width in columns when the text is hard-wrapped (nil otherwise).
    static func layout(_ scalars: [Unicode.Scalar]) -> (lines: [Range<Int>], width: Int?) {
        let raw = lineRanges(scalars)
        let lines = raw.map { scalars.trimmed($0) }
        let nonEmpty = raw.indices.filter { !lines[$0].isEmpty }
        // Widths in characters and in columns (a Chinese character is two): some texts are wrapped by the one, some
        // by the other. Lengths come first, as they cost nothing and rule out most texts (a paragraph per line is
        // wider than any wrap, and columns are never fewer than characters).
        var lengths = [Int](repeating: 0, count: raw.count)
        for k in nonEmpty { lengths[k] = lines[k].upperBound - raw[k].lowerBound }
        // Not hard-wrapped: a line per paragraph, but for runs that read as one wrapped sentence.
        var unwrapped: [Range<Int>] { joiningEvidentBreaks(scalars, lines, nonEmpty) }
        guard let length = wrapWidth(lengths, nonEmpty, narrowest: narrowestWrap / 2) else { return (unwrapped, nil) }
        var widths = [Int](repeating: 0, count: raw.count)
        for k in nonEmpty { widths[k] = columns(scalars, raw[k].lowerBound..<lines[k].upperBound) }
        guard let width = wrapWidth(widths, nonEmpty) else { return (unwrapped, nil) }
        let indent = nonEmpty.map { lines[$0].lowerBound - raw[$0].lowerBound }.min() ?? 0
        // Whether each line is full, so that the next one may carry on its paragraph.
        let wraps = raw.indices.map { k in
            guard k + 1 < raw.count, !lines[k].isEmpty, !lines[k + 1].isEmpty else { return false }
            let nextWordOverflows = widths[k] + nextWordColumns(scalars, after: lines[k], next: lines[k + 1]) > width
            // A numbered heading as wide as most of a line ("2. Coalitions, burden-sharing and maritime security: the
            // literature") keeps its line when the next line's first word would have fitted on it: a wrap would have
            // taken that word up.
            if !nextWordOverflows, standsAsNumberedHeading(scalars, lines[k], before: lines[k + 1]) { return false }
            if nextWordOverflows || 20 * widths[k] >= 17 * width || 20 * lengths[k] >= 17 * length { return true }
            // A list item set narrower than the text (3. The committee should … 390h discourage | maintenance of …)
            // breaks short of the width: a line over half of it that stops on a lower-case word, above one that
            // goes on in lower case, is wrapped too.
            return 2 * widths[k] > width && ScalarClass.isLower(scalars[lines[k].upperBound - 1])
                && ScalarClass.isLower(scalars[lines[k + 1].lowerBound])
        }
        let adjacent = nonEmpty.filter { $0 + 1 < raw.count && !lines[$0 + 1].isEmpty }
        let wrapped = adjacent.filter { wraps[$0] }
        // A wrap falls mid-sentence; lines of about one length that end their sentences are one-sentence paragraphs.
        let endingSentences = wrapped.count { k in
            let last = scalars[lines[k].upperBound - 1]
            return ScalarClass.endsChineseSentence(scalars, lines[k].upperBound - 1, from: lines[k].lowerBound)
                || last == "." || last == "?" || last == "!"
        }
        // Most lines that run on are wrapped; in a short paper whose title page, headings and a table or contents
        // are lines of their own, a third, where many are and hardly any ends a sentence.
        // (And prose is what breaks there: a sentence ends inside a fourth of the wrapped lines or more; a list of
        // units, names or programmes, one per line, ends none inside a line.)
        func endsSentenceInside(_ line: Range<Int>) -> Bool {
            line.dropLast(2).contains { i in
                "。！？".unicodeScalars.contains(scalars[i])
                    || (".?!".unicodeScalars.contains(scalars[i]) && scalars[i + 1] == " " && ScalarClass.isUpper(scalars[i + 2]))
            }
        }
        let mostRunOnWrapped = 2 * wrapped.count >= adjacent.count
            || (2 * wrapped.count >= 3 * fewestWrappedLines && 3 * wrapped.count >= adjacent.count && 4 * endingSentences <= wrapped.count
                && 4 * wrapped.count(where: { endsSentenceInside(lines[$0]) }) >= wrapped.count)
        guard wrapped.count >= fewestWrappedLines, mostRunOnWrapped, 2 * endingSentences < wrapped.count
        else { return (unwrapped, nil) }
        // Block quotations: a run of three or more adjacent lines set in by one amount beyond the text's margin is
        // wrapped at its own, narrower measure, the widest of its lines.
        var blockWidth = [Int?](repeating: nil, count: raw.count)
        var run = 0
        while run < nonEmpty.count {
            let set = lines[nonEmpty[run]].lowerBound - raw[nonEmpty[run]].lowerBound
            var last = run
            while last + 1 < nonEmpty.count, nonEmpty[last + 1] == nonEmpty[last] + 1,
                  lines[nonEmpty[last + 1]].lowerBound - raw[nonEmpty[last + 1]].lowerBound == set {
                last += 1
            }
            // Prose breaks its lines mid-sentence: at least half of them. A verse's lines end in punctuation before a
            // capital, and a list's items open with their markers.
            // (A line breaks mid-sentence when it ends on a word or the next goes on in lower case; a verse line
            // ends in punctuation and the next opens with a capital.)
            let midSentence = (run..<last).count { m in
                let end = scalars[lines[nonEmpty[m]].upperBound - 1]
                return end.properties.isAlphabetic || ScalarClass.isDigit(end) || ScalarClass.isLower(scalars[lines[nonEmpty[m + 1]].lowerBound])
            }
            let listed = (run...last).contains { opensListItem(scalars, lines[nonEmpty[$0]]) }
            if set > indent, last - run >= 2, 2 * midSentence >= last - run, !listed {
                let measure = (run...last).map { widths[nonEmpty[$0]] }.max() ?? 0
                for m in run...last { blockWidth[nonEmpty[m]] = measure }
            }
            run = last + 1
        }
        var result: [Range<Int>] = []
        var current: Range<Int>?
        var firstLine = 0
        for k in nonEmpty {
            // A line of a block quotation carries on the one above it when that one was full at the block's measure.
            if let open = current, k > 0, let measure = blockWidth[k], blockWidth[k - 1] == measure,
               widths[k - 1] + nextWordColumns(scalars, after: lines[k - 1], next: lines[k]) > measure {
                current = open.lowerBound..<lines[k].upperBound
                continue
            }
            // A hanging indent: a line set in exactly as far as the text of the item or reference the paragraph opened
            // with (1. Congress should … | ␣␣␣inventory of …) carries it on.
            let lineIndent = lines[k].lowerBound - raw[k].lowerBound
            let hanging = current != nil && lineIndent > indent
                && itemTextColumn(scalars, lines[firstLine]).map { $0 + lines[firstLine].lowerBound - raw[firstLine].lowerBound == lineIndent } == true
            // Entries of a notes list open with their markers (a wrapped entry's indented rest may stand between).
            if let open = current, wraps[k - 1], !closesAlone(scalars, open, after: result),
               // Indented is set in beyond the margin and at least as far as the paragraph's first line: pdftotext
               // -layout sets the body six columns in and each paragraph's first line ten, so a body line carries
               // its paragraph on, while a line set in as far as that first line opens the next one.
               continues(scalars, lines[k], after: open,
                         indented: lineIndent > indent && lineIndent >= lines[firstLine].lowerBound - raw[firstLine].lowerBound,
                         hanging: hanging,
                         full: 20 * widths[k] >= 17 * width || 20 * lengths[k] >= 17 * length,
                         inNotesList: NotesList.opensWithBracketedMarker(scalars, open)
                            || result.suffix(2).contains { NotesList.opensWithBracketedMarker(scalars, $0) }) {
                current = open.lowerBound..<lines[k].upperBound
            } else {
                if let open = current { result.append(open) }
                current = lines[k]
                firstLine = k
            }
        }
        if let open = current { result.append(open) }
        return (result, width)
    }

    /// The lines of a text that is not hard-wrapped as a whole (too short to tell, or mostly a paragraph per line),
    /// each its own paragraph, except a run of lines that reads as one wrapped sentence: each line but the last breaks
    /// off where no paragraph ends (`breakOff`), and the last, no wider than they, ends the sentence. A pasted comment or e-mail wrapped in
    /// fewer lines than `HardWrap` needs to tell a wrap keeps its sentences whole; a list of items, code, verse or a
    /// heading above lower-case text has no such run and keeps its lines.
    private static func joiningEvidentBreaks(_ s: [Unicode.Scalar], _ lines: [Range<Int>], _ nonEmpty: [Int]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        result.reserveCapacity(nonEmpty.count)
        var n = 0
        while n < nonEmpty.count {
            // The run of lines from n on that each break off before the next one, and how each breaks off.
            var last = n
            var breaks: [BreakOff] = []
            while last + 1 < nonEmpty.count, nonEmpty[last + 1] == nonEmpty[last] + 1,
                  let kind = breakOff(s, lines[nonEmpty[last]], before: lines[nonEmpty[last + 1]]) {
                breaks.append(kind)
                last += 1
            }
            if readsAsOneParagraph(s, lines, nonEmpty, n, last, breaks) {
                result.append(lines[nonEmpty[n]].lowerBound..<lines[nonEmpty[last]].upperBound)
            } else if last > n + 1, breaks[0] == .han, readsAsOneParagraph(s, lines, nonEmpty, n + 1, last, Array(breaks.dropFirst())) {
                // A heading ending in a Han character above its wrapped paragraph: the heading stays apart.
                result.append(lines[nonEmpty[n]])
                result.append(lines[nonEmpty[n + 1]].lowerBound..<lines[nonEmpty[last]].upperBound)
            } else {
                result += nonEmpty[n...last].map { lines[$0] }
            }
            n = last + 1
        }
        return result
    }

    /// Whether the lines `nonEmpty[first...last]`, each but the last breaking off before the next as `breaks` says,
    /// read as one wrapped paragraph.
    private static func readsAsOneParagraph(_ s: [Unicode.Scalar], _ lines: [Range<Int>], _ nonEmpty: [Int], _ first: Int, _ last: Int,
                                            _ breaks: [BreakOff]) -> Bool {
        guard last > first else { return false }
        let runLast = lines[nonEmpty[last]]
        let above = first..<last
        // A wrapped paragraph's last line is no wider than the lines above it (a heading ending in "in" above a
        // paragraph on one long line is no wrap), and each line above broke where the next word would not have
        // fitted within the widest of them, as a wrap breaks (comments of different lengths, one per line, did not).
        let widest = above.map { columns(s, lines[nonEmpty[$0]]) }.max()!
        guard 20 * columns(s, runLast) <= 23 * widest + 40, endsSentence(s, before: runLast.upperBound, from: runLast.lowerBound)
        else { return false }
        if breaks.contains(.han) {
            // A break between two Han characters could as well be the end of a heading, a list item, a line of
            // verse or a post, one per line. A wrap shows itself by lines of one width in columns or in characters
            // (digits and Latin letters are narrower; lines of one width stand for the greedy test, which a wrap by
            // characters fails in columns), no numbered heading (一、…, （一）…) first, and at each such break a line
            // that ends a sentence before the one it breaks off (…而不是另起炉灶。这一判 | 断建立在…), a next line in
            // which the sentence ends before the line does, or a sentence under way in a run that also breaks where
            // no paragraph can end (a line ending on a comma, a comma the wrap carried over): lines of items or
            // verse, each with its commas, end in none of these ways.
            let longest = above.map { lines[nonEmpty[$0]].count }.max()!
            let opening = lines[nonEmpty[first]]
            // One width: a wrap by characters leaves lines of one count, a wrap by columns lines within a column
            // (a full-width character does not fit in the last one).
            guard above.allSatisfy({ k in widest - columns(s, lines[nonEmpty[k]]) <= 1 || longest == lines[nonEmpty[k]].count }),
                  !HeadingDetector.isNumbered(String(String.UnicodeScalarView(s[opening])))
            else { return false }
            let certain = breaks.contains(.certain)
            return breaks.indices.allSatisfy { i in
                guard breaks[i] == .han else { return true }
                let line = s[lines[nonEmpty[first + i]]]
                let next = lines[nonEmpty[first + i + 1]]
                // A line that opens as an item does (问：, 李四：, 2 …, 一、…, a bullet) starts one of its own.
                guard !opensAnItem(s, next) else { return false }
                // The sentence the line breaks off ends inside the next line, as no item written on a line does.
                let endsInsideNext = (next.lowerBound..<(next.upperBound - 1)).contains { ScalarClass.endsChineseSentence(s, $0, from: next.lowerBound) }
                return line.indices.contains { ScalarClass.endsChineseSentence(s, $0, from: line.startIndex) } || endsInsideNext
                    || (certain && line.contains { "，、；".unicodeScalars.contains($0) })
            }
        }
        let wrapsGreedily = above.allSatisfy { k in
            columns(s, lines[nonEmpty[k]]) + nextWordColumns(s, after: lines[nonEmpty[k]], next: lines[nonEmpty[k + 1]]) > widest
        }
        // A break between two words alone could be the ends of unpunctuated comments, one per line: it takes a
        // certain break in the run or punctuation within its lines, as prose has.
        let punctuated = breaks.contains(.certain) || above.contains { k in
            s[lines[nonEmpty[k]]].contains { ",;:.，、；：".unicodeScalars.contains($0) }
        }
        return wrapsGreedily && punctuated
    }

    /// Whether a Chinese line opens as an item of a list, a dialogue or an interview does: a label of up to four
    /// characters and a colon (问：, 李四：), a number followed by a space or a mark (2 强化…, 3. …), a numbered heading
    /// or a bullet. A wrap seldom leaves one there.
    private static func opensAnItem(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        let head = s[line.lowerBound..<min(line.upperBound, line.lowerBound + 6)]
        if let colon = head.firstIndex(where: { $0 == "：" || $0 == ":" }), colon > line.lowerBound, colon - line.lowerBound <= 4 { return true }
        if let first = head.first, ScalarClass.isDigit(first),
           let after = head.first(where: { !ScalarClass.isDigit($0) }), " 、.．)）".unicodeScalars.contains(after) { return true }
        return opensBulletedItem(s, line) || HeadingDetector.isNumbered(String(String.UnicodeScalarView(head)))
    }

    /// Whether `line` ends inside a bracket it opened: a note marker (…控制的数据。[3 | ]由此), a book title (《澄清 |
    /// 境外数据合法使用法》) or a parenthesis (（即 | CLOUD法案）) that a wrap cut in two; no paragraph ends there.
    /// The next line must close it before it opens another (an interval [0, 1) or a caption's open date range
    /// above a new paragraph does not).
    private static func opensUnclosedBracket(_ s: [Unicode.Scalar], _ line: Range<Int>, before next: Range<Int>) -> Bool {
        for (open, close) in [("[", "]"), ("《", "》"), ("（", "）")] as [(Unicode.Scalar, Unicode.Scalar)] {
            guard let o = s[line].lastIndex(of: open), !s[o..<line.upperBound].contains(close) else { continue }
            // A cut note marker holds digits only: [3 | ]由此.
            if open == "[", !s[(o + 1)..<line.upperBound].allSatisfy(ScalarClass.isDigit) { continue }
            if let c = s[next].firstIndex(of: close), !s[next.lowerBound..<c].contains(open) { return true }
        }
        return false
    }

    /// Words a sentence does not end on: articles, prepositions, conjunctions, relative pronouns, possessives,
    /// determiners, modals and the forms of "be" and "have" (… such as | New York; … the report was | published).
    private static let continuingWords: Set<String> = [
        "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "and", "or", "nor", "but",
        "as", "than", "that", "which", "who", "whose", "whom", "is", "are", "was", "were", "be", "been", "has", "have",
        "had", "its", "their", "our", "his", "her", "this", "these", "those", "such", "between", "about", "under",
        "every", "each", "any", "some", "very", "more", "most", "not", "will", "would", "can", "could", "should", "may",
    ]

    /// Whether `line` ends with a word of `continuingWords`, or the pronoun I, after a space.
    private static func endsWithContinuingWord(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        if line.count > 2, s[line.upperBound - 1] == "I", s[line.upperBound - 2] == " " { return true }
        var j = line.upperBound
        while j > line.lowerBound, ScalarClass.isLower(s[j - 1]) { j -= 1 }
        guard j > line.lowerBound, s[j - 1] == " ", line.upperBound - j <= 7 else { return false }
        var word = ""
        word.unicodeScalars.append(contentsOf: s[j..<line.upperBound])
        return continuingWords.contains(word)
    }

    /// Whether a line has columns set apart by a tab or a run of spaces (a glossary's "ppm  parts per million", a
    /// table row): such lines are entries, not the halves of a sentence.
    private static func isPadded(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        var spaces = 0
        for i in line {
            if s[i] == "\t" { return true }
            spaces = s[i] == " " ? spaces + 1 : 0
            if spaces == 2 { return true }
        }
        return false
    }

    /// How a line breaks off mid-sentence, if it does.
    enum BreakOff {
        /// After a comma or a word a sentence does not end on.
        case certain
        /// Between two words: a wrap, or the ends of two unpunctuated lines.
        case likely
        /// Between two Han characters on a line as wide as a wrap: a wrap (…全球治理的基本格 | 局，…), or a long
        /// heading above its paragraph.
        case han
    }

    /// How the (trimmed, non-empty) `line` stops where no paragraph ends and `next` may go on with the sentence, if it does:
    /// after a Chinese comma (，、) before a Han character (a Chinese line never ends a paragraph on a comma, however
    /// short), or, on a line as wide as a wrap (`narrowestWrap` columns; short lines are items, headings or verse)
    /// that ends no sentence, before a line opening with a lower-case word (not c/o, a URL or an e-mail address), or
    /// after a word of `continuingWords` or the pronoun I before any word, or between two Han characters (or a Han
    /// character and the comma or closing mark a wrap carried over).
    static func breakOff(_ s: [Unicode.Scalar], _ line: Range<Int>, before next: Range<Int>) -> BreakOff? {
        let last = s[line.upperBound - 1]
        let first = s[next.lowerBound]
        if last == "，" || last == "、" { return ScalarClass.isHan(first) ? .certain : nil }
        guard columns(s, line) >= narrowestWrap, !isPadded(s, line), !isPadded(s, next),
              !endsSentence(s, before: line.upperBound, from: line.lowerBound) else { return nil }
        if opensUnclosedBracket(s, line, before: next) { return .certain }
        if ScalarClass.isHan(last) {
            // No Chinese line opens on a comma or a closing mark: the wrap carried it over.
            if "，、。；：！？）》」』”".unicodeScalars.contains(first) { return .certain }
            // Not before a number or an opening quote: a wrap may leave one there, but so does a chronology or a
            // dialogue written one entry per line.
            return ScalarClass.isHan(first) ? .han : nil
        }
        if endsWithContinuingWord(s, line) {
            // (2) cap the fee; and | (3) review it: the next item of a list, not the rest of this line.
            if opensListItem(s, next) { return nil }
            let opensWord = ScalarClass.isLatinLetter(first) || ScalarClass.isDigit(first) || first == "\"" || first == "“" || first == "("
            return opensWord ? .certain : nil
        }
        // (A number at a wide line's end goes on too: … Banks made approx. $7.7 | billion in fees …)
        guard ScalarClass.isLower(first), ScalarClass.isLatinLetter(last) || ScalarClass.isDigit(last) || last == "%" || last == ","
                || last == ")" || last == "\"" || last == "”" else {
            return nil
        }
        var i = next.lowerBound
        while i < next.upperBound, ScalarClass.isLower(s[i]) || (s[i] == "-" && i + 1 < next.upperBound && ScalarClass.isLower(s[i + 1])) { i += 1 }
        if i < next.upperBound, s[i] == "/" || s[i] == "@" || ScalarClass.isDigit(s[i]) || ScalarClass.isUpper(s[i]) { return nil }
        if i + 1 < next.upperBound, s[i] == ".", ScalarClass.isLatinLetter(s[i + 1]) { return nil }
        return last == "," ? .certain : .likely
    }

    /// The wrap width of a text whose lines mostly end near one width: the width that a tenth of its lines of more
    /// than a few columns reach; nil when it is narrower or wider than any wrap (a list of short items, a text with
    /// a paragraph per line). In characters a wrap may be half as wide as in columns.
    ///
    /// Lines of another, wider set can take more than a tenth of a text: a PDF's footnotes, set smaller, hold more
    /// characters to a line than its body (90 against 78). The width is then the one most lines end near instead
    /// (the most lines within 85% of it), when it gathers half as many again as the tenth's.
    private static func wrapWidth(_ widths: [Int], _ nonEmpty: [Int], narrowest: Int = narrowestWrap) -> Int? {
        let sorted = nonEmpty.map { widths[$0] }.filter { $0 >= 8 }.sorted()
        guard sorted.count >= fewestWrappedLines else { return nil }
        /// The index of the first width for which `isPast` holds (it holds for all after it).
        func firstIndex(_ isPast: (Int) -> Bool) -> Int {
            var low = 0
            var high = sorted.count
            while low < high {
                let mid = (low + high) / 2
                if isPast(sorted[mid]) { high = mid } else { low = mid + 1 }
            }
            return low
        }
        /// How many lines end within 85% of `width`.
        func near(_ width: Int) -> Int {
            firstIndex { $0 > width } - firstIndex { 20 * $0 >= 17 * width }
        }
        let tenth = sorted[sorted.count * 9 / 10]
        guard (narrowest...widestWrap).contains(tenth) else { return nil }
        // Only a set of lines a little narrower than the tenth (footnotes hold a fifth or a third more to a line).
        let alternatives = Set(sorted).filter { $0 >= narrowest && $0 < tenth && 3 * $0 >= 2 * tenth }
        if let densest = alternatives.max(by: { (near($0), $0) < (near($1), $1) }), 2 * near(densest) > 3 * near(tenth) {
            return densest
        }
        return tenth
    }

    /// Whether `paragraph`, a single line, stands alone however full it is: a figure's or table's caption set off by
    /// a colon, a full stop or a dash (`Caption.standsAlone`), a contents entry ending in a page after dot leaders or
    /// padding, an entry in a list of abbreviations (`Glossary.standsAlone`), or the source line under a caption
    /// (资料来源：…) when it ends its sentence, so that the paragraph after it is not read as its continuation. A caption
    /// that really wraps loses its tail to the next paragraph, a smaller loss than the paragraph; a source line that
    /// does not end a sentence (注：…分别表示在1%、5%和10%|的水平上显著。) takes its next line.
    private static func closesAlone(_ s: [Unicode.Scalar], _ paragraph: Range<Int>, after earlier: [Range<Int>]) -> Bool {
        if Caption.standsAlone(s, paragraph) || TableOfContents.endsInSetOffPage(s, s.trimmed(paragraph))
            || Glossary.standsAlone(s, paragraph, after: earlier) { return true }
        guard let previous = earlier.last, Caption.isSourceLine(s, paragraph),
              endsSentence(s, before: paragraph.upperBound, from: paragraph.lowerBound) else { return false }
        let firstLine = previous.lowerBound..<(s[previous].firstIndex(of: "\n") ?? previous.upperBound)
        return Caption.kind(s, s.trimmed(firstLine)) != nil || Caption.isTableRow(s, s.trimmed(firstLine))
            || Caption.isSourceLine(s, s.trimmed(firstLine))
    }

    /// Whether `paragraph` is a speech's occasion line: a dash, then where and when, ending on 上 (at the meeting).
    static func isOccasion(_ s: [Unicode.Scalar], _ paragraph: Range<Int>) -> Bool {
        let text = s.trimmed(paragraph)
        guard text.count >= 6, text.count <= 80, s[text.lowerBound] == "—", s[text.upperBound - 1] == "上" else { return false }
        return s[text].contains("在") && !s[text].contains("。")
    }

    /// Whether a line carries on `paragraph`, whose last line was full: not when it is indented beyond the text's
    /// margin (a new paragraph), opens a front-matter field (【关键词】, 引用格式：…, a bare Abstract) or an editor line
    /// (责编∕…), a bulleted item or the next entry of a
    /// notes list (a marker after an entry that opened with one, a bracketed one also after the indented rest of
    /// such an entry; in running text a bracketed note marker at a line's start closes the sentence above, even
    /// when the rest of the line would read as a heading), or is a heading after a sentence's end (unless it fills
    /// the width unnumbered, as a wrapped line does when a sentence ended at the line above's end; after a
    /// front-matter field, 【作者简介】……。, such a line opens the body as often, and is read so).
    private static func continues(
        _ s: [Unicode.Scalar], _ line: Range<Int>, after paragraph: Range<Int>, indented: Bool, hanging: Bool, full: Bool,
        inNotesList: @autoclosure () -> Bool
    ) -> Bool {
        let hanging = hanging && !opensListItem(s, line)
        if (indented && !hanging) || FrontMatter.opensTagLine(s, line) || opensBulletedItem(s, line) || EditorLine.opens(s, line)
            || FrontMatter.isBareLabel(s, line) || Caption.isEquation(s, line)
            || Caption.isEquation(s, paragraph) { return false }
        if hanging { return true }
        // A speech's occasion under its title (——2025年1月20日在…人民代表大会第三次会议上) ends where it says 上: the
        // speaker's office and name under it (江南省省长　刘振华) are a line of their own, however full the line.
        if Self.isOccasion(s, paragraph) { return false }
        // A title as wide as a wrap, then its author's name (Middle powers and … Beijing | Amara Okafor).
        if s[0..<paragraph.lowerBound].allSatisfy(ScalarClass.isSpace), line.count <= 60,
           FrontMatter.isPersonsName(s.string(line)), !FrontMatter.isAffiliation(s.string(line)) { return false }
        // In front matter (a field above), a labelled line opens the next field (引用格式：… then 网络首发：…).
        // (Asked only when the line opens a field or a numbered heading: this runs for every wrapped line.)
        func paragraphOpensField() -> Bool { FrontMatter.opensTagLine(s, paragraph) || FrontMatter.opensLabelledField(s, paragraph) }
        // Keywords, a DOI or JEL codes open a field of their own after any paragraph (an abstract under a bare label
        // whose last line is full), and a field's value ends where a numbered heading begins (Keywords: …, South
        // Africa / 1. Introduction), however full its line.
        if let lineKey = FrontMatter.labelledFieldKey(s, line) {
            // (摘要：… too, under an affiliation set smaller, and so wider than the wrap; an English Summary: may be a
            // report's own line.)
            if ["keywords", "doi", "jel"].contains(lineKey) || (lineKey == "abstract" && ScalarClass.isHan(s[line.lowerBound]))
                || paragraphOpensField() { return false }
        } else if HeadingDetector.numberedLevel(s, line, latin: true) != nil, HeadingDetector.level(s, line) != nil, paragraphOpensField() {
            return false
        }
        if NotesList.opensWithBracketedMarker(s, line) { return !inNotesList() }
        // A reference list's entry that ends on a full line (its pages: … 233–54.), then the next entry (Walton,
        // Douglas. 1988. "Burden of Proof." … | Yackee, S. W. (2006). …): each gives its authors and year.
        if paragraph.count <= 600, s[paragraph.upperBound - 1] == "." || s[paragraph.upperBound - 1] == "。",
           opensWithSurnameAndInitial(s, line), opensWithSurnameAndInitial(s, paragraph),
           ReferenceList.isEntry(s, line), ReferenceList.isEntry(s, paragraph) {
            return false
        }
        if NotesList.marker(s, line) != nil, NotesList.marker(s, paragraph) != nil { return false }
        // Endnotes numbered as a PDF leaves superscripts (1 Federal Communications … (2012). | 2 Pew Research …): the
        // next number opens the next note.
        if let (number, _) = NotesList.bareMarker(s, line), let (previous, _) = NotesList.bareMarker(s, paragraph),
           Int(number) == (Int(previous) ?? -1) + 1 { return false }
        if endsSentence(s, before: line.lowerBound),
           HeadingDetector.level(s, line) != nil,
           !full || FrontMatter.opensTagLine(s, paragraph) || HeadingDetector.numberedLevel(s, line, latin: false) != nil {
            return false
        }
        // A figure's or table's caption set off as captions are (Figure 2. Event-study estimates …) after a sentence's
        // end opens a paragraph of its own, however full the line above: joined on, it had taken the heading under it
        // along into the paragraph's sentences.
        if endsSentence(s, before: line.lowerBound), Caption.standsAlone(s, s.trimmed(line)) { return false }
        return true
    }

    /// Whether `line` opens as a reference list's entry does, a surname, a comma and a capital (Yackee, S. W.;
    /// Walton, Douglas.), not as prose that cites (Later studies (Luskin et al., 2014) …; As Fishkin (2009) argues).
    static func opensWithSurnameAndInitial(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        var i = line.lowerBound
        guard i < line.upperBound, ScalarClass.isUpper(s[i]) else { return false }
        while i < line.upperBound, ScalarClass.isLatinLetter(s[i]) || s[i] == "-" || s[i] == "'" || s[i] == "’" { i += 1 }
        return i + 2 < line.upperBound && s[i] == "," && s[i + 1] == " " && ScalarClass.isUpper(s[i + 2])
    }

    /// Whether `range` opens with a list item's or a notes entry's marker (1. , (2) , • , - , [3] ).
    static func opensListItem(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool { itemTextColumn(s, range) != nil }

    /// How far into `line` the text of the list item or notes entry it opens starts (3 for `1. Congress`), or nil
    /// when it opens none.
    static func itemTextColumn(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Int? {
        guard !line.isEmpty else { return nil }
        var start: Int?
        if let end = HeadingDetector.listNumberEnd(s, line) {
            start = end
        } else if opensBulletedItem(s, line) {
            var k = line.lowerBound + 1
            while k < line.upperBound, s[k] == s[line.lowerBound] { k += 1 }
            start = k
        } else if let (_, textStart) = NotesList.marker(s, line) {
            start = textStart
        } else if let end = paragraphNumberEnd(s, line) {
            start = end
        }
        guard var k = start else { return nil }
        while k < line.upperBound, ScalarClass.isSpace(s[k]) { k += 1 }
        return k - line.lowerBound
    }

    /// The end of a report's paragraph number set apart by a run of spaces, as a committee report set in columns
    /// has it (2.7␣␣␣␣␣The committee recommends …): digits with inner dots, then two spaces or more.
    private static func paragraphNumberEnd(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Int? {
        var i = line.lowerBound
        while i < line.upperBound, s[i].isASCII, ScalarClass.isDigit(s[i]) || (s[i] == "." && i > line.lowerBound) { i += 1 }
        guard i > line.lowerBound, i - line.lowerBound <= 6, i + 1 < line.upperBound, s[i] == " ", s[i + 1] == " " else { return nil }
        return i
    }

    /// Whether `line` reads as a numbered heading (2. …, 3.1 …, 一、…, （二）…) that ends no sentence, above a line that
    /// opens as a new paragraph would (a capital, a digit, a quote, a Han character), not with a lower-case word
    /// that carries a sentence on.
    static func standsAsNumberedHeading(_ s: [Unicode.Scalar], _ line: Range<Int>, before next: Range<Int>) -> Bool {
        let first = s[next.lowerBound]
        // Whether the prefix numbers the line does not depend on the language (`latin` only sets the level).
        guard !ScalarClass.isLower(first), !endsWithContinuingWord(s, line), HeadingDetector.numberedLevel(s, line, latin: false) != nil
        else { return false }
        return HeadingDetector.level(s, line) != nil
    }

    /// Whether the text before `start` (and from `floor` on) ends a sentence: a terminator, perhaps followed by
    /// closing quotes and a note marker (…无从提出建议。[4], …”³). A full stop after a digit is a number's or a DOI's
    /// (…2025.13.|003).
    static func endsSentence(_ s: [Unicode.Scalar], before start: Int, from floor: Int = 0) -> Bool {
        var k = start
        while k > floor, ScalarClass.isSpace(s[k - 1]) { k -= 1 }
        if k > floor, s[k - 1] == "]" || s[k - 1] == "］" {
            var j = k - 1
            while j > floor, k - j < 12, ScalarClass.isDigit(s[j - 1]) || [",", "，", "-", "–"].contains(s[j - 1]) { j -= 1 }
            if j > floor, j < k - 1, s[j - 1] == "[" || s[j - 1] == "［" { k = j - 1 }
        }
        while k > floor, ScalarClass.isSuperscriptDigit(s[k - 1]) || ScalarClass.isCircledNumber(s[k - 1]) { k -= 1 }
        while k > floor, s[k - 1] != "]", s[k - 1] != "］", ScalarClass.isCloser(s[k - 1]) { k -= 1 }
        guard k > floor else { return false }
        let last = s[k - 1]
        return ScalarClass.endsChineseSentence(s, k - 1, from: floor) || last == "?" || last == "!"
            || (last == "." && !(k > floor + 1 && ScalarClass.isDigit(s[k - 2])) && !endsOnLinkingAbbreviation(s, k - 1, from: floor))
    }

    /// Abbreviations after which a sentence always goes on: a case's "v." (Gonzalez v. | Google LLC), vs., cf., e.g.,
    /// i.e.
    private static let linkingAbbreviations: Set<String> = ["v", "vs", "cf", "e.g", "i.e"]

    /// Whether the stop at `dot` closes one of `linkingAbbreviations`, a word of its own.
    private static func endsOnLinkingAbbreviation(_ s: [Unicode.Scalar], _ dot: Int, from floor: Int) -> Bool {
        var j = dot
        while j > floor, dot - j < 4, ScalarClass.isLatinLetter(s[j - 1]) || (s[j - 1] == "." && j - 1 < dot) { j -= 1 }
        guard j < dot, j == floor || ScalarClass.isSpace(s[j - 1]) || s[j - 1] == "(" else { return false }
        // (As written: Part V. ends a sentence.)
        return linkingAbbreviations.contains(String(String.UnicodeScalarView(s[j..<dot])))
    }

    /// Marks that open a bulleted item.
    private static let bullets: Set<Unicode.Scalar> = ["-", "*", "•", "·", "▪", "●", "○", "◆", "■", "—", "–"]
    /// Marks that are dashes or hyphens too, and open an item only before a space or another dash (— item, ——坚持…,
    /// not the rest of 中国—|中亚 that a wrap or a page break carried over).
    private static let dashes: Set<Unicode.Scalar> = ["-", "—", "–", "·"]

    /// Whether `line` opens with a bullet: a bullet mark, a dash only when a space or another dash follows it.
    static func opensBulletedItem(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        let first = s[line.lowerBound]
        guard bullets.contains(first) else { return false }
        guard dashes.contains(first) else { return true }
        return line.count > 1 && (ScalarClass.isSpace(s[line.lowerBound + 1]) || s[line.lowerBound + 1] == first)
    }
    /// Chinese marks besides terminators and closers that may not open a line.
    private static let noLineStart: Set<Unicode.Scalar> = ["，", "、", "；", "："]

    /// Columns of the next line's first word and the space before it: a Chinese character with any punctuation
    /// that may not open a line (，。、）」” …), which a typesetter keeps on the line above by moving a character down.
    static func nextWordColumns(_ s: [Unicode.Scalar], after line: Range<Int>, next: Range<Int>) -> Int {
        let first = s[next.lowerBound]
        if ScalarClass.isCJK(first) || ScalarClass.isCJK(s[line.upperBound - 1]) {
            var k = next.lowerBound
            var n = 0
            repeat {
                n += columns(s[k])
                k += 1
            } while k < next.upperBound && (ScalarClass.isCloser(s[k]) || ScalarClass.isCJKTerminator(s[k]) || noLineStart.contains(s[k]))
            return n + 2
        }
        var k = next.lowerBound
        while k < next.upperBound, !ScalarClass.isSpace(s[k]) { k += 1 }
        return 1 + columns(s, next.lowerBound..<k)
    }

    static func columns(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Int {
        var n = 0
        for i in range { n += columns(s[i]) }
        return n
    }

    @inline(__always)
    private static func columns(_ scalar: Unicode.Scalar) -> Int { ScalarClass.isCJK(scalar) ? 2 : 1 }
}
