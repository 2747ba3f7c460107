/// Marketplace grading vocabulary.
public enum FakeCondition {
    public static let media = [
        "Mint (M)", "Near Mint (NM or M-)", "Very Good Plus (VG+)", "Very Good (VG)",
        "Good Plus (G+)", "Good (G)", "Fair (F)", "Poor (P)",
    ]
    public static let sleeve = media + ["Generic", "Not Graded", "No Cover"]
}
