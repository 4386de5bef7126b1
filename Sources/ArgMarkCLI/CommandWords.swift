/// Splits a command given as one string (`--external "python3 'my labeller.py' --fast"`) into its words as a shell
/// would for a plain command: spaces separate words, single quotes keep everything, inside double quotes a backslash
/// keeps a following `"`, `\`, `$` or backquote (and is itself kept before anything else), and outside quotes a
/// backslash keeps the next character. No variables, no globbing.
enum CommandWords {
    struct Failure: Error {
        var message: String
    }

    static func split(_ command: String) throws(Failure) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        // A backslash inside double quotes, waiting to see whether it escapes the next character.
        var pendingBackslash = false
        for character in command {
            if escaped {
                word.append(character)
                escaped = false
                continue
            }
            switch quote {
            case "'":
                if character == "'" { quote = nil } else { word.append(character) }
            case "\"":
                if pendingBackslash {
                    pendingBackslash = false
                    if !["\"", "\\", "$", "`"].contains(character) { word.append("\\") }
                    word.append(character)
                } else if character == "\"" { quote = nil } else if character == "\\" { pendingBackslash = true } else { word.append(character) }
            default:
                if character == " " || character == "\t" {
                    if inWord { words.append(word) }
                    word = ""
                    inWord = false
                } else {
                    inWord = true
                    if character == "'" || character == "\"" { quote = character } else if character == "\\" { escaped = true } else { word.append(character) }
                }
            }
        }
        if quote != nil { throw Failure(message: "a quote is not closed") }
        if escaped || pendingBackslash { throw Failure(message: "the command ends with a backslash") }
        if inWord { words.append(word) }
        if words.isEmpty { throw Failure(message: "no command") }
        return words
    }
}
