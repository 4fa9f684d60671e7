package dev.mephisto.core.internal.stream;

/** Which events of a stream–stream join without a partner still give a result. */
public enum StreamJoinType {
  /** None. */
  INNER,
  /** This side's, once their window closed. */
  LEFT,
  /** Either side's, once their window closed. */
  OUTER
}
