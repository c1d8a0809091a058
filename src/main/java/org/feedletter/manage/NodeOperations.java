package org.feedletter.manage;

import java.util.List;
import org.feedletter.store.NodeStore;
import org.feedletter.store.NodeStore.NodeActivity;

/** The processes that run or ran feedletter on this store, as {@code status} shows them. */
public final class NodeOperations {

    private final NodeStore nodes;

    public NodeOperations(NodeStore nodes) {
        this.nodes = nodes;
    }

    /** Every node with what it last did, the most recently seen first. */
    public List<NodeActivity> list() {
        return nodes.list();
    }
}
