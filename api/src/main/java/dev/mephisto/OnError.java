package dev.mephisto;

/** What an agent does when its body throws, or a value cannot be decoded. */
public enum OnError {
  /** Send the event with the error in its headers to the dead-letter topic, commit, go on. */
  DEAD_LETTER,
  /** Log the error with the event's coordinates, commit, go on. */
  SKIP,
  /** Log the error and stop the agent (and the worker): nothing after the event is committed. */
  STOP
}
