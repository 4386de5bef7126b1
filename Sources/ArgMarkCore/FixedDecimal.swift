/// Fixed formatting of fractional numbers, shared by every format so a value reads the same in JSONL and TEI.
public enum FixedDecimal {
    /// Two decimals, always shown (`0.50`), for text meant for people: trees, explanations, the review editor.
    public static func twoPlaces(_ x: Double) -> String {
        if let large = beyondFixed(x) { return large }
        let v = Int((abs(x) * 100).rounded())
        return (x < 0 && v != 0 ? "-" : "") + "\(v / 100)." + (v % 100 < 10 ? "0" : "") + "\(v % 100)"
    }

    /// `x` as `twoPlaces` shows it, as a number: what a threshold for people (review's next-low) compares, so that a
    /// confidence shown 0.60 is not counted below 0.60.
    public static func asShown(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    /// Three decimals, always shown (`0.050`, `-0.125`), for evaluation tables; `nan` for a value that is not finite.
    public static func threePlaces(_ x: Double) -> String {
        guard x.isFinite else { return "nan" }
        if let large = beyondFixed(x) { return large }
        let v = Int((abs(x) * 1000).rounded())
        let fraction = String(v % 1000)
        return (x < 0 && v != 0 ? "-" : "") + "\(v / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// `value` as a file keeps it (four decimals). Confidences are held so from the start, so that the support scores
    /// computed from them are the ones a reread file gives: opening and writing a file changes none of its figures.
    public static func asStored(_ value: Double) -> Double {
        (value * 10_000).rounded() / 10_000
    }

    /// Rounds to four decimals and drops trailing zeros, independent of locale.
    public static func format(_ value: Double) -> String {
        if let large = beyondFixed(value) { return large }
        let scaled = (value * 10_000).rounded()
        let negative = scaled < 0
        let magnitude = Int(abs(scaled))
        let whole = magnitude / 10_000
        var fraction = magnitude % 10_000
        var text = (negative && magnitude != 0 ? "-" : "") + String(whole)
        if fraction != 0 {
            var digits = 4
            while fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            let raw = String(fraction)
            text += "." + String(repeating: "0", count: digits - raw.count) + raw
        }
        return text
    }

    /// A value too large for decimals held in an Int (a labeller's weight of 1e15 typed in a pipeline file), or one
    /// that is not finite, as Swift writes it (`1e+15`, a JSON number; `inf`); nil for any other.
    private static func beyondFixed(_ x: Double) -> String? {
        guard !x.isFinite || abs(x) >= 1e14 else { return nil }
        return x.isFinite ? "\(x.rounded())" : "\(x)"
    }
}
