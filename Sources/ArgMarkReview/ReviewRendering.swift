import ArgMarkCore

/// Text views of a review session: the current sentence in its paragraph, the tree, lists, statistics and help.
extension ReviewSession {
    /// `s12 · claim 0.84 (label.model.zh.v1) · supports s3 (link.tree.v1, 0.65) · score 0.71 · unreviewed` (a confidence
    /// that is the labellers' share says so: `claim 0.61 (label.model.zh.v1, a share, no probability)`), broken
    /// between its parts where it would pass the width (the terminal would break it mid-word).
    func headline(_ i: Int, after lead: String = "") -> String {
        let unit = document.units[i]
        let a = unit.annotation
        var parts = [unit.id]
        var label = style.label(a.label)
        if let confidence = a.confidence { label += " " + fixed2(confidence) }
        if let by = a.labeledBy {
            // A share is said to be one, lest it be read as a probability.
            label += " (\(by)" + (a.confidence != nil && a.confidenceScale == .share ? ", a share, no probability" : "") + ")"
        }
        parts.append(label)
        if let parent = a.parent {
            var link = "\(a.relation == .attack ? "attacks" : "supports") \(parent)"
            var detail: [String] = []
            if let by = a.linkedBy { detail.append(by.description) }
            if let confidence = a.linkConfidence { detail.append(fixed2(confidence)) }
            if !detail.isEmpty { link += " (" + detail.joined(separator: ", ") + ")" }
            parts.append(link)
        } else if a.label == .claim || a.label == .prescription {
            parts.append(style.paint("thesis", "1") + (a.linkedBy.map { " (\($0))" } ?? ""))
        } else if Self.isArgumentative(a.label) {
            // Evidence or an example labelled before any claim: it waits for one to hang under.
            parts.append("unlinked (no claim to support yet)")
        }
        if let score = a.score { parts.append("score " + fixed2(score)) }
        // A link a person set is no review of the machine's label.
        if let at = a.reviewedAt {
            parts.append(a.isLabelReviewed || a.label == nil ? "reviewed \(at)" : "link reviewed \(at), label unreviewed")
        } else if a.isLabelReviewed {
            parts.append("reviewed")
        } else {
            parts.append("unreviewed")
        }
        var lines = [lead + parts[0]]
        for part in parts.dropFirst() {
            let line = lines[lines.count - 1] + " · " + part
            if Self.columns(Array(style.plain(line).unicodeScalars)[...]) > style.width, lines[lines.count - 1].count > 2 {
                lines.append("  " + part)
            } else {
                lines[lines.count - 1] = line
            }
        }
        // A part wider than a narrow terminal (an id with its label and labeller) is wrapped too.
        return fitted(lines.joined(separator: "\n"))
    }

    /// The headline of the current sentence, after an edit.
    func status() -> String { headline(cursor, after: "now at ") }

    /// The sentence, where it is, and its paragraph around it (three sentences either side).
    func show(_ i: Int) -> String {
        let unit = document.units[i]
        var lines = [headline(i)]
        if let proposed = proposedLine(unit.annotation) { lines.append(proposed) }
        let paragraph = document.paragraphs.first { $0.id == unit.paragraph }
        let section = document.sections.first { $0.id == unit.section }
        var position = ""
        if let paragraph {
            position = "\(paragraph.id), sentence \(i - paragraph.units.lowerBound + 1) of \(paragraph.units.count)"
        }
        var place = "§ "
        if let heading = section?.heading, let h = document.unit(heading) {
            // The heading gives way first, so that the place stays on one line on a narrow terminal.
            let room = min(40, style.width - 2 - 3 - Self.columns(Array(position.unicodeScalars)[...]))
            if room >= 6 { place += Self.shorten(h.text, room) + " — " }
        }
        lines.append(fitted(place + position))
        let range = paragraph?.units ?? i..<(i + 1)
        let lower = max(range.lowerBound, i - 3)
        let upper = min(range.upperBound, i + 4)
        if lower > range.lowerBound { lines.append("  …") }
        let idWidth = document.units[lower..<upper].map(\.id.count).max() ?? 0
        for k in lower..<upper {
            let u = document.units[k]
            let marker = k == i ? style.paint(">", "1") : " "
            let id = u.id + String(repeating: " ", count: idWidth - u.id.count)
            let prefix = "\(marker) \(id) \(style.label(u.annotation.label, padded: true)) "
            let plainWidth = 2 + idWidth + 1 + 12 + 1
            if style.width - plainWidth >= 16 {
                lines += Self.wrap(u.text, prefix: prefix, indent: plainWidth, width: style.width)
            } else {
                // A narrow terminal: the text under its id and label, not in a column too narrow for it.
                lines.append(fitted("\(marker) \(u.id) \(style.label(u.annotation.label))"))
                lines += Self.wrap(u.text, prefix: "    ", indent: 4, width: style.width)
            }
        }
        if upper < range.upperBound { lines.append("  …") }
        return lines.joined(separator: "\n")
    }

    /// One line per changed sentence: `s12: label evidence → claim; parent s3 → s5`.
    func describe(_ changes: [UnitChange]) -> String {
        var lines: [String] = []
        for change in changes {
            var parts: [String] = []
            let b = change.before
            let a = change.after
            if b.label != a.label { parts.append("label \(b.label?.rawValue ?? "-") → \(a.label?.rawValue ?? "-")") }
            if b.labeledBy != a.labeledBy && b.label == a.label {
                // An undo of an accept goes the other way: the machine's label is back, not accepted again.
                if a.labeledBy?.hasPrefix("human:") == true {
                    parts.append("label \(a.label?.rawValue ?? "-") accepted")
                } else {
                    parts.append("acceptance undone: label \(a.label?.rawValue ?? "-")" + (a.labeledBy.map { " by \($0)" } ?? "")
                        + (a.confidence.map { " (\(FixedDecimal.twoPlaces($0)))" } ?? ""))
                }
            }
            // Only a claim or a prescription is the thesis when it has no parent.
            func rooted(_ label: ArgumentLabel?) -> Bool { label == .claim || label == .prescription }
            if b.parent != a.parent || b.relation != a.relation {
                let before = b.parent.map { "\(b.relation?.rawValue ?? "support")s \($0)" } ?? (rooted(b.label) ? "thesis" : "no parent")
                let after = a.parent.map { "\(a.relation?.rawValue ?? "support")s \($0)" } ?? (rooted(a.label) ? "thesis" : "no parent")
                parts.append("\(before) → \(after)")
            } else if b.linkedBy != a.linkedBy, a.parent == nil, rooted(a.label) {
                parts.append(a.linkedBy?.hasPrefix("human:") == true ? "thesis confirmed" : b.linkedBy == nil ? "now the thesis" : "thesis confirmation undone")
            }
            // A link confirmed as it was: the link is reviewed, a machine label stays unreviewed (as show says).
            if parts.isEmpty {
                parts.append(a.reviewedAt == nil && b.reviewedAt != nil ? "review undone"
                    : a.label == nil || a.labeledBy?.hasPrefix("human:") == true || a.labeledBy == nil ? "reviewed" : "link reviewed, label unreviewed")
            }
            lines.append("\(change.unit): " + parts.joined(separator: "; "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What the labellers proposed at the last run (`labelReasons`), wrapped to the terminal.
    func proposedLine(_ a: SentenceAnnotation) -> String? {
        guard !a.labelReasons.isEmpty else { return nil }
        var lines: [String] = []
        for (n, reason) in a.labelReasons.enumerated() {
            lines += Self.wrap(reason.summary, prefix: n == 0 ? "proposed: " : String(repeating: " ", count: 10), indent: 10, width: style.width)
        }
        return lines.joined(separator: "\n")
    }

    /// Why a sentence has its label (what the labellers proposed) and its support score: its base score, then each
    /// child with its relation and strength.
    func explain(_ i: Int) -> String {
        let unit = document.units[i]
        let a = unit.annotation
        let proposed = proposedLine(a).map { $0 + "\n" } ?? ""
        guard let score = a.score, let e = a.explanation else {
            return proposed + "\(unit.id) has no support score (background and unlabelled sentences are not scored)"
        }
        var lines = proposed.isEmpty ? [] : [String(proposed.dropLast())]
        // Wrapped to the width, as a sentence's text is (colour codes aside, the label is a word).
        lines += Self.wrap("\(unit.id) \(a.label?.rawValue ?? "-") score \(fixed2(score)): base \(fixed2(e.base)) from its label"
            + (a.confidence.map { ", confidence \(fixed2($0))" } ?? "") + " and its own material (notes, figures, dates, documents, quotations)",
            prefix: "", indent: 2, width: style.width)
        if e.children.isEmpty {
            lines.append("  nothing below it supports or attacks it")
        }
        for c in e.children {
            let head = "  \(c.relation == .attack ? "−" : "+") \(c.child) \(c.relation.rawValue)s with strength \(fixed2(c.strength))  "
            let text = document.unit(c.child).map { Self.shorten($0.text, max(10, style.width - Self.columns(Array(head.unicodeScalars)[...]))) } ?? ""
            lines.append(head + text)
        }
        return lines.joined(separator: "\n")
    }

    /// The argument tree from the thesis (or from `root`), at most `limit` lines.
    func tree(_ root: Int?, limit: Int = 200) -> String {
        var children = [[Int]](repeating: [], count: document.units.count)
        var roots: [Int] = []
        for (i, unit) in document.units.enumerated() where unit.kind == .sentence && Self.isArgumentative(unit.annotation.label) {
            if let p = unit.annotation.parent, let j = index[p] { children[j].append(i) } else { roots.append(i) }
        }
        var lines: [String] = []
        var omitted = 0
        func visit(_ i: Int, prefix: String, connector: String, isRoot: Bool, depth: Int) {
            guard lines.count < limit else {
                omitted += 1
                for c in children[i] { visit(c, prefix: "", connector: "", isRoot: false, depth: depth + 1) }
                return
            }
            let unit = document.units[i]
            let a = unit.annotation
            var text = (i == cursor ? "> " : "") + "\(unit.id) \(style.label(a.label))"
            // Only a claim or a prescription without a parent is the thesis: tree ID on a background sentence shows it
            // alone, outside the tree, and evidence labelled before any claim is unlinked.
            let isThesis = a.parent == nil && (a.label == .claim || a.label == .prescription)
            text += isRoot ? (isThesis ? " (thesis)" : a.label == .background ? " (outside the tree)" : a.parent == nil && Self.isArgumentative(a.label) ? " (unlinked)" : "")
                : " ─\(a.relation?.rawValue ?? "support")─"
            if let score = a.score { text += " \(fixed2(score))" }
            // Columns as the terminal shows them (colour codes aside): the text takes what the width leaves (a deep
            // branch's line shows none), and a line deeper than the width is cut, so that no line wraps and breaks
            // the branches drawn below it.
            let used = Self.columns(Array(style.plain(prefix + connector + text).unicodeScalars)[...]) + 2
            if style.width - used >= 3 { text += "  " + Self.shorten(unit.text, style.width - used) }
            let line = prefix + connector + text
            let plain = style.plain(line)
            lines.append(Self.columns(Array(plain.unicodeScalars)[...]) > style.width ? Self.shorten(plain, style.width) : line)
            let kids = children[i]
            let childPrefix = prefix + (isRoot ? "" : (connector == "└─ " ? "   " : "│  "))
            // Branches deeper than the width leaves room for (an id and a label) are one line saying how to see them.
            if !kids.isEmpty, Self.columns(Array(childPrefix.unicodeScalars)[...]) + 3 + 16 > style.width {
                func count(_ j: Int) -> Int { children[j].reduce(1) { $0 + count($1) } }
                let below = kids.reduce(0) { $0 + count($1) }
                // At the branch's own depth, shorter where the width is narrow, so that it never reads as a root's.
                let indent = childPrefix + "└─ "
                let summaries = ["… \(below) below: tree \(unit.id)", "… \(below): tree \(unit.id)", "… \(below)"]
                let line = summaries.map { indent + $0 }.first { Self.columns(Array($0.unicodeScalars)[...]) <= style.width }
                lines.append(line ?? Self.shorten(indent + summaries[2], style.width))
                return
            }
            for (n, c) in kids.enumerated() {
                visit(c, prefix: childPrefix, connector: n == kids.count - 1 ? "└─ " : "├─ ", isRoot: false, depth: depth + 1)
            }
        }
        for r in root.map({ [$0] }) ?? roots { visit(r, prefix: "", connector: "", isRoot: true, depth: 0) }
        if lines.isEmpty { return "no argument tree yet (no sentence is labelled claim, evidence, example or prescription)" }
        if omitted > 0 { lines.append("… \(omitted) more; tree ID shows the part below one sentence") }
        return lines.joined(separator: "\n")
    }

    /// Sentences matching `filter`, one line each, at most `limit`.
    func list(_ filter: ReviewCommand.ListFilter, limit: Int = 50) -> String {
        var lines: [String] = []
        var total = 0
        let idWidth = min(8, document.units.map(\.id.count).max() ?? 0)
        for (i, unit) in document.units.enumerated() where unit.kind == .sentence {
            let a = unit.annotation
            let matches: Bool
            switch filter {
            case .all: matches = true
            case .unreviewed: matches = !a.isLabelReviewed
            case .low(let threshold): matches = Self.isLow(unit, threshold)
            case .label(let label): matches = a.label == label
            case .provisional: matches = a.parent != nil && a.linkedBy == .plugin(Self.defaultLinker)
            }
            guard matches else { continue }
            total += 1
            guard lines.count < limit else { continue }
            let marker = i == cursor ? ">" : " "
            let confidence = a.confidence.map(fixed2) ?? (a.isHumanLabel ? "hum " : "    ")
            let id = unit.id + String(repeating: " ", count: max(0, idWidth - unit.id.count))
            let head = "\(marker) \(id) \(style.label(a.label, padded: true)) \(confidence) "
            let headWidth = 2 + id.count + 1 + 12 + 1 + 4 + 1
            lines.append(head + Self.shorten(unit.text, max(10, style.width - headWidth)))
        }
        if total == 0 { return "no matching sentence" }
        if total > lines.count { lines.append("… \(total - lines.count) more (\(total) in all); next-unreviewed, next-label, next-low and find step through them") }
        return lines.joined(separator: "\n")
    }

    /// One line per section, indented by its level: its heading's id (which `goto` takes), the heading, and how many
    /// of its own sentences are reviewed (a section of subsections has none); the current section is marked.
    func sectionList() -> String {
        var counts: [String: (sentences: Int, reviewed: Int)] = [:]
        for unit in document.units where unit.kind == .sentence {
            counts[unit.section, default: (0, 0)].sentences += 1
            if unit.annotation.isLabelReviewed { counts[unit.section, default: (0, 0)].reviewed += 1 }
        }
        // Sections in document order: those with a heading or sentences (a text's opening section may have neither).
        let order = document.sections.filter { $0.heading != nil || counts[$0.id] != nil }.map(\.id)
        guard !order.isEmpty else { return "no sections" }
        let sections = Dictionary(document.sections.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let current = document.units[cursor].section
        let ids = order.map { sections[$0]?.heading ?? "" }
        let idWidth = ids.map(\.count).max() ?? 0
        var lines: [String] = []
        for (section, headingID) in zip(order, ids) {
            let (sentences, reviewed) = counts[section] ?? (0, 0)
            let indent = String(repeating: "  ", count: max(0, min(3, (sections[section]?.level ?? 1) - 1)))
            let marker = section == current ? style.paint(">", "1") : " "
            let tally = sentences == 0 ? "no sentences" : reviewed == sentences ? "\(sentences) reviewed" : "\(reviewed) of \(sentences) reviewed"
            let title = headingID.isEmpty ? "(before the first heading)" : document.unit(headingID).map(\.text) ?? headingID
            let head = "\(marker) \(headingID + String(repeating: " ", count: idWidth - headingID.count)) \(indent)"
            let room = style.width - (2 + idWidth + 1 + indent.count) - tally.count - 3
            lines.append(head + Self.shorten(title, max(10, room)) + " · " + tally)
        }
        lines.append("goto a heading's id goes to its first sentence; next-section (ns) and prev-section (ps) step through them")
        return lines.joined(separator: "\n")
    }

    func stats() -> String {
        var counts: [ArgumentLabel: Int] = [:]
        var unlabelled = 0
        var reviewed = 0
        var low = 0
        // A share below the threshold is no probability below it: the count says how many are shares.
        var lowShares = 0
        var humanLabels = 0
        var humanLinks = 0
        var sentences = 0
        for unit in document.units where unit.kind == .sentence {
            sentences += 1
            let a = unit.annotation
            if let label = a.label { counts[label, default: 0] += 1 } else { unlabelled += 1 }
            if a.isLabelReviewed { reviewed += 1 }
            if Self.isLow(unit, ReviewCommand.lowConfidence) {
                low += 1
                if a.label != nil, a.confidence != nil, a.confidenceScale == .share { lowShares += 1 }
            }
            if a.isHumanLabel { humanLabels += 1 }
            if a.isHumanLink { humanLinks += 1 }
        }
        let percent = sentences == 0 ? 0 : Int((Double(reviewed) / Double(sentences) * 100).rounded())
        let labels = ArgumentLabel.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" } + (unlabelled > 0 ? ["unlabelled \(unlabelled)"] : [])
        return [
            "\(sentences) sentences · reviewed \(reviewed) (\(percent)%) · unreviewed with confidence below \(fixed2(ReviewCommand.lowConfidence)) \(low)"
                + (lowShares > 0 ? " (\(lowShares == low ? "all" : "\(lowShares)") of them the labellers' shares, not probabilities)" : ""),
            labels.joined(separator: " · "),
            "human labels \(humanLabels) · human links \(humanLinks) · thesis \(thesis.map { document.units[$0].id } ?? "none") · unsaved edits \(unsavedEdits)",
        ].joined(separator: "\n")
    }

    static let help = """
        move    next (n) · prev (p) · goto ID (g ID, or just ID) · next-unreviewed (nu)
                next-low [THRESHOLD] (nl, default 0.6) · next-label LABEL (nb)
                next-section (ns) · prev-section (ps) · sections (sec): each one's progress
                find REGEX (f, or /REGEX; / alone finds the last one again)
        label   label [ID] LABEL (l) · c e x r b [ID] label the current sentence (or ID)
                claim (c), evidence (e), example (x), prescription (r), background (b)
                accept [ID] (a): keep the label, mark it reviewed; accept-next (an)
        link    link [CHILD] PARENT [support|attack] (k; s, a): without a relation a
                confirmed parent keeps its own, a new one is supported
                unlink [ID] (ul): hang it directly under the thesis
                thesis [ID] (t): make it the root; the former thesis then supports it
        view    show [ID] (s) · explain [ID] (why): its support score · tree [ID] (tr)
                list [LABEL|unreviewed|low [T]|provisional] (ls) · stats · help (h, ?)
        file    undo (u) · redo (y) · write (w) · quit (q) · quit! (q!) discards · wq
                write! (w!) overwrites a file another program changed meanwhile
        Every edit is saved to FILE.journal before it is acknowledged; write saves
        the file and clears the journal.
        """

    /// The first `width` display columns of `text` (CJK characters count two), with … when cut.
    static func shorten(_ text: String, _ width: Int) -> String {
        var result = ""
        var used = 0
        for scalar in text.unicodeScalars {
            let w = displayWidth(scalar)
            if used + w > width - 1 {
                result += "…"
                return result
            }
            result.unicodeScalars.append(scalar)
            used += w
        }
        return result
    }

    /// Lines of `text` wrapped to `width` columns: the first after `prefix` (which takes `indent` columns, colour
    /// codes aside), the rest indented as far. Lines break at spaces and on either side of CJK characters, so Latin
    /// words and markers such as `[1]` stay whole; a word longer than half a line is cut.
    static func wrap(_ text: String, prefix: String, indent: Int, width: Int) -> [String] {
        let available = max(10, width - indent)
        var lines: [String] = []
        var line: [Unicode.Scalar] = []
        var used = 0
        var lastBreak: Int?
        func emit(_ scalars: ArraySlice<Unicode.Scalar>) {
            var end = scalars.endIndex
            while end > scalars.startIndex, scalars[end - 1] == " " { end -= 1 }
            lines.append(String(String.UnicodeScalarView(scalars[scalars.startIndex..<end])))
        }
        for s in text.unicodeScalars {
            let w = displayWidth(s)
            // A break may come before a wide character, after one, or at a space — but, as Chinese typesetting
            // rules have it, not before a closing mark or a stop (。，、」…) nor after an opening one (“《（).
            if let last = line.last, w == 2 || displayWidth(last) == 2 || s == " ",
               !Self.neverStartsLine.contains(s), !Self.neverEndsLine.contains(last) {
                lastBreak = line.count
            }
            if used + w > available, !line.isEmpty {
                if let b = lastBreak, b > 0, columns(line[..<b]) > available / 2 {
                    emit(line[..<b])
                    line = Array(line[b...].drop { $0 == " " })
                } else if Self.neverStartsLine.contains(s), let cut = Self.carriedStart(line) {
                    // A stop that would open the line takes the Chinese character before it along, with a mark or two
                    // between them (。” after 效应); a longer run of marks (……… ！！！) stays where it falls.
                    emit(line[..<cut])
                    line = Array(line[cut...])
                } else {
                    emit(line[...])
                    line = []
                }
                used = columns(line[...])
                lastBreak = nil
                if s == " " && line.isEmpty { continue }
            }
            line.append(s)
            used += w
        }
        emit(line[...])
        let pad = String(repeating: " ", count: indent)
        return lines.enumerated().map { n, line in (n == 0 ? prefix : pad) + line }
    }

    static func columns(_ scalars: ArraySlice<Unicode.Scalar>) -> Int { scalars.reduce(0) { $0 + displayWidth($1) } }

    /// `text` with each line longer than the width wrapped to it, the rest of a line set in two columns further
    /// than the line itself (help, stats and the opening line, as a sentence's text is wrapped).
    /// Colour codes take no columns: a line painted whole (an error in red) is painted again line by line once
    /// wrapped; a line of several colours is wrapped plain.
    public func fitted(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            let plain = style.plain(String(line))
            let scalars = Array(plain.unicodeScalars)
            guard Self.columns(scalars[...]) > style.width else { return [String(line)] }
            let lead = scalars.prefix { $0 == " " }.count
            let wrapped = Self.wrap(String(String.UnicodeScalarView(scalars.dropFirst(lead))), prefix: String(repeating: " ", count: lead),
                                    indent: lead + 2, width: style.width)
            guard style.color, let painted = line.wholeMatch(of: /\u{1B}\[([0-9;]*)m([^\u{1B}]*)\u{1B}\[0m/) else { return wrapped }
            return wrapped.map { style.paint($0, String(painted.1)) }
        }.joined(separator: "\n")
    }

    /// Where to cut `line` so that a stop after it does not open the next line: before the last wide character and
    /// the at most two marks after it (and an opening mark before it), or nil when there is no such character near the
    /// end, or cutting there would leave less than half the line.
    static func carriedStart(_ line: [Unicode.Scalar]) -> Int? {
        var cut = line.count - 1
        var marks = 0
        while cut > 0, neverStartsLine.contains(line[cut]) {
            marks += 1
            cut -= 1
        }
        guard marks <= 2, cut > 0, displayWidth(line[cut]) == 2, !neverStartsLine.contains(line[cut]) else { return nil }
        if neverEndsLine.contains(line[cut - 1]) { cut -= 1 }
        return cut > 0 && 2 * cut >= line.count ? cut : nil
    }

    /// Marks no line starts with (stops, closing brackets and quotes) and none ends with (opening ones).
    static let neverStartsLine: Set<Unicode.Scalar> = Set("。，、；：？！）」』”’》〉】〕…·%％,.;:?!)]}".unicodeScalars)
    static let neverEndsLine: Set<Unicode.Scalar> = Set("（「『“‘《〈【〔([{".unicodeScalars)

    /// Terminal columns of a scalar (`TerminalWidth`).
    static func displayWidth(_ s: Unicode.Scalar) -> Int { TerminalWidth.of(s) }
}

