package dev.mephisto.core.internal.assign;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The bytes of a subscription's and an assignment's user data. A version byte leads, so that a
 * later format can be told apart; anything unreadable decodes to empty and is logged by the
 * caller. No Java serialization.
 */
public final class AssignmentCodec {
  /** Version of both formats. */
  static final byte VERSION = 1;

  private AssignmentCodec() {}

  /**
   * @param info what a worker says when it joins
   * @return the subscription user data
   */
  public static ByteBuffer encode(MemberInfo info) {
    Out out = new Out();
    out.b(VERSION).i(info.generation()).s(info.host()).i(info.port());
    out.i(info.replicasByCount().size());
    info.replicasByCount().forEach((n, r) -> out.i(n).i(r));
    units(out, info.active());
    units(out, info.standby());
    out.b((byte) (info.leader() ? 1 : 0));
    out.i(info.offsets().size());
    info.offsets().forEach((u, o) -> out.i(u.partitions()).i(u.partition()).l(o));
    return out.buffer();
  }

  /**
   * @param data subscription user data, may be null
   * @return the info, empty if the data is missing or unreadable
   */
  public static Optional<MemberInfo> decodeInfo(ByteBuffer data) {
    if (data == null || !data.hasRemaining()) {
      return Optional.empty();
    }
    ByteBuffer in = data.duplicate();
    try {
      if (in.get() != VERSION) {
        return Optional.empty();
      }
      int generation = in.getInt();
      String host = string(in);
      int port = in.getInt();
      int k = count(in);
      Map<Integer, Integer> replicas = new TreeMap<>();
      for (int i = 0; i < k; i++) {
        replicas.put(in.getInt(), in.getInt());
      }
      Set<Unit> active = units(in);
      Set<Unit> standby = units(in);
      boolean leader = in.get() == 1;
      Map<Unit, Long> lags = new TreeMap<>();
      for (int i = 0, n = count(in); i < n; i++) {
        lags.put(new Unit(in.getInt(), in.getInt()), in.getLong());
      }
      return Optional.of(new MemberInfo(generation, host, port, new TreeMap<>(replicas), active,
          standby, leader, lags));
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * @param plan the group's plan
   * @param endpoints each member's web address, by member id
   * @return the assignment user data every member gets (the whole map)
   */
  public static byte[] encode(AssignmentPlanner.Plan plan, Map<String, WorkerEndpoint> endpoints) {
    Map<String, Integer> index = new HashMap<>();
    Out out = new Out();
    out.b(VERSION).i(plan.members().size());
    for (String m : plan.members()) {
      index.put(m, index.size());
      WorkerEndpoint e = endpoints.getOrDefault(m, new WorkerEndpoint(m, "", 0));
      out.s(e.memberId()).s(e.host()).i(e.port()); // the static id when it has one
    }
    out.i(plan.leader() == null ? -1 : index.get(plan.leader()));
    // units on their way between workers (cooperative protocol) go out without an active holder
    java.util.SortedSet<Unit> units = new java.util.TreeSet<>(plan.owners().keySet());
    units.addAll(plan.moving());
    out.i(units.size());
    units.forEach(u -> {
      String owner = plan.owners().get(u);
      out.i(u.partitions()).i(u.partition()).i(owner == null ? -1 : index.get(owner));
      List<String> s = plan.standbys().getOrDefault(u, List.of());
      out.i(s.size());
      s.forEach(m -> out.i(index.get(m)));
    });
    out.i(plan.warmups().size());
    plan.warmups().forEach((u, m) -> out.i(u.partitions()).i(u.partition()).i(index.get(m)));
    out.b((byte) (plan.probe() ? 1 : 0));
    return out.bytes();
  }

  /**
   * @param data assignment user data
   * @param memberId this worker's member id
   * @param generation the generation it belongs to
   * @return the view, empty if unreadable
   */
  public static Optional<ClusterView> decodeView(ByteBuffer data, String memberId, int generation) {
    if (data == null || !data.hasRemaining()) {
      return Optional.empty();
    }
    ByteBuffer in = data.duplicate();
    try {
      if (in.get() != VERSION) {
        return Optional.empty();
      }
      int n = count(in);
      List<WorkerEndpoint> workers = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        workers.add(new WorkerEndpoint(string(in), string(in), in.getInt()));
      }
      int leader = in.getInt();
      int units = count(in);
      Map<Unit, Integer> owners = new TreeMap<>();
      Map<Unit, List<Integer>> standbys = new TreeMap<>();
      for (int i = 0; i < units; i++) {
        Unit u = new Unit(in.getInt(), in.getInt());
        int owner = in.getInt();
        if (owner >= 0) {
          owners.put(u, owner); // -1: on its way between two workers
        }
        int s = count(in);
        List<Integer> l = new ArrayList<>(s);
        for (int j = 0; j < s; j++) {
          l.add(in.getInt());
        }
        standbys.put(u, l);
      }
      Map<Unit, Integer> warmups = new TreeMap<>();
      for (int i = 0, k = count(in); i < k; i++) {
        warmups.put(new Unit(in.getInt(), in.getInt()), in.getInt());
      }
      boolean probe = in.get() == 1;
      return Optional.of(new ClusterView(generation, memberId, workers, owners, standbys, leader,
          warmups, probe));
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static void units(Out out, Collection<Unit> units) {
    out.i(units.size());
    units.forEach(u -> out.i(u.partitions()).i(u.partition()));
  }

  private static Set<Unit> units(ByteBuffer in) {
    int n = count(in);
    Set<Unit> s = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      s.add(new Unit(in.getInt(), in.getInt()));
    }
    return s;
  }

  private static int count(ByteBuffer in) {
    int n = in.getInt();
    // each counted item takes at least one byte: a larger count is corrupt, not a huge list
    if (n < 0 || n > in.remaining()) {
      throw new IllegalArgumentException("bad count " + n);
    }
    return n;
  }

  private static String string(ByteBuffer in) {
    int n = count(in);
    byte[] b = new byte[n];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** A growing byte buffer. */
  private static final class Out {
    private ByteBuffer buf = ByteBuffer.allocate(256);

    private void room(int n) {
      if (buf.remaining() < n) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n));
        buf.flip();
        bigger.put(buf);
        buf = bigger;
      }
    }

    Out b(byte v) {
      room(1);
      buf.put(v);
      return this;
    }

    Out i(int v) {
      room(4);
      buf.putInt(v);
      return this;
    }

    Out l(long v) {
      room(8);
      buf.putLong(v);
      return this;
    }

    Out s(String v) {
      byte[] b = v.getBytes(StandardCharsets.UTF_8);
      i(b.length);
      room(b.length);
      buf.put(b);
      return this;
    }

    byte[] bytes() {
      byte[] b = new byte[buf.position()];
      buf.flip();
      buf.get(b);
      return b;
    }

    ByteBuffer buffer() {
      return ByteBuffer.wrap(bytes());
    }
  }
}
