/// Why an introspected object cannot be written in the model format.
struct ImportGap: Error, Equatable {
    var reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
