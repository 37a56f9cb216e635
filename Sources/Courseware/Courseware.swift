import YAML

/// Lessons, exercises and progress (issue 5).
public enum Courseware {}
