/// The strongly connected components of a directed graph (Tarjan's algorithm, without
/// recursion so that long chains cannot overflow the stack): groups of nodes that can each
/// reach every other.
struct StronglyConnectedComponents {
    /// Component number of each node; components are numbered in the order Tarjan's algorithm
    /// completes them.
    private var componentOf: [Int: Int] = [:]
    /// How many components there are.
    private(set) var count = 0

    /// Finds the components of the graph on `nodes` whose edges go from a node to
    /// `successors(node)` (which must be among `nodes`). Deterministic for a given node order.
    init(nodes: [Int], successors: (Int) -> Set<Int>) {
        var indexOf: [Int: Int] = [:]
        var lowLink: [Int: Int] = [:]
        var onStack = Set<Int>()
        var stack: [Int] = []
        var nextIndex = 0
        for root in nodes where indexOf[root] == nil {
            // Each frame: a node and the successors still to visit.
            var frames: [(node: Int, pending: [Int])] = []
            func open(_ node: Int) {
                indexOf[node] = nextIndex
                lowLink[node] = nextIndex
                nextIndex += 1
                stack.append(node)
                onStack.insert(node)
                frames.append((node, successors(node).sorted(by: >)))
            }
            open(root)
            while let frame = frames.last {
                if let successor = frames[frames.count - 1].pending.popLast() {
                    if indexOf[successor] == nil {
                        open(successor)
                    } else if onStack.contains(successor) {
                        lowLink[frame.node] = min(lowLink[frame.node]!, indexOf[successor]!)
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last {
                    lowLink[parent.node] = min(lowLink[parent.node]!, lowLink[frame.node]!)
                }
                if lowLink[frame.node] == indexOf[frame.node] {
                    while let member = stack.popLast() {
                        onStack.remove(member)
                        componentOf[member] = count
                        if member == frame.node { break }
                    }
                    count += 1
                }
            }
        }
    }

    /// The component of `node`.
    func component(of node: Int) -> Int {
        componentOf[node] ?? -1
    }
}
