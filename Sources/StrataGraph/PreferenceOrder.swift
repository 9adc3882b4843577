/// A topological order over nodes `0..<count` with two kinds of edges: hard ones, which must
/// hold, and soft ones (preferences), which give way where they would close a cycle.
///
/// Among the nodes that are ready, the one `precedes` puts first comes next, so the order is
/// deterministic. When every node left waits for another, the sort finds the groups of nodes
/// that wait only on each other (strongly connected components with no waiting predecessor
/// outside them) and releases from its soft edges the first node, by `precedes`, of such a
/// group that waits on no hard edge. A group held together by hard edges alone is a cycle:
/// ``order(count:hard:soft:precedes:)`` throws it.
///
/// Pure and generic: the planner orders plan steps with it and the models compiler orders
/// declarations.
public enum PreferenceOrder {
    /// The nodes left when only hard edges hold them: they depend on each other in a cycle.
    public struct Cycle: Error, Sendable {
        /// The nodes that could not be ordered, ascending.
        public var stuck: [Int]
        /// The order of the nodes that could be ordered.
        public var ordered: [Int]
    }

    /// - Parameters:
    ///   - hard: `hard[a]` holds the nodes that must come after `a`.
    ///   - soft: `soft[a]` holds the nodes that should come after `a`.
    ///   - precedes: the tie-break among ready nodes.
    public static func order(
        count: Int, hard: [Set<Int>], soft: [Set<Int>], precedes: @escaping (Int, Int) -> Bool
    ) throws(Cycle) -> [Int] {
        var hardCount = Array(repeating: 0, count: count)
        var softCount = Array(repeating: 0, count: count)
        var softSuccessors = soft
        for node in 0..<count {
            // A pair a hard edge orders needs no soft edge too.
            softSuccessors[node].subtract(hard[node])
            softSuccessors[node].remove(node)
            for successor in hard[node] where successor != node { hardCount[successor] += 1 }
            for successor in softSuccessors[node] { softCount[successor] += 1 }
        }
        var ready = MinHeap<Int>(by: precedes)
        var done = Array(repeating: false, count: count)
        var released = Array(repeating: false, count: count)
        for node in 0..<count where hardCount[node] == 0 && softCount[node] == 0 { ready.push(node) }
        var result: [Int] = []
        result.reserveCapacity(count)
        while result.count < count {
            guard let next = ready.pop() else {
                let waiting = (0..<count).filter { !done[$0] && !released[$0] }
                guard let node = releasable(waiting, hard: hard, soft: softSuccessors, hardCount: hardCount, precedes: precedes) else {
                    throw Cycle(stuck: waiting.filter { hardCount[$0] > 0 }, ordered: result)
                }
                released[node] = true
                ready.push(node)
                continue
            }
            done[next] = true
            result.append(next)
            for successor in hard[next] where successor != next {
                hardCount[successor] -= 1
                if hardCount[successor] == 0 && softCount[successor] == 0 && !released[successor] { ready.push(successor) }
            }
            for successor in softSuccessors[next] {
                softCount[successor] -= 1
                if hardCount[successor] == 0 && softCount[successor] == 0 && !released[successor] { ready.push(successor) }
            }
        }
        return result
    }

    /// The node to release when every node in `waiting` waits for another; nil when only
    /// hard edges are left among them.
    private static func releasable(
        _ waiting: [Int], hard: [Set<Int>], soft: [Set<Int>], hardCount: [Int], precedes: (Int, Int) -> Bool
    ) -> Int? {
        let isWaiting = Set(waiting)
        let components = StronglyConnectedComponents(nodes: waiting) { node in
            hard[node].union(soft[node]).filter { isWaiting.contains($0) && $0 != node }
        }
        var hasOutsidePredecessor = Array(repeating: false, count: components.count)
        for node in waiting {
            for successor in hard[node].union(soft[node]) where isWaiting.contains(successor) && successor != node {
                if components.component(of: node) != components.component(of: successor) {
                    hasOutsidePredecessor[components.component(of: successor)] = true
                }
            }
        }
        return waiting
            .filter { !hasOutsidePredecessor[components.component(of: $0)] && hardCount[$0] == 0 }
            .min(by: precedes)
    }
}
