/// The ArgMark release, written into every output's generator field.
public enum ArgMarkVersion {
    public static let current = "0.1.0"
}
