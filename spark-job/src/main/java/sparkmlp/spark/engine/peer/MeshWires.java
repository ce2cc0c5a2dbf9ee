package sparkmlp.spark.engine.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import sparkmlp.core.linalg.DoubleVec;
import sparkmlp.core.linalg.FloatVec;
import sparkmlp.core.linalg.Vec;
import sparkmlp.spark.engine.link.Handshake;
import sparkmlp.spark.engine.link.StepWire;

/** The wires of a {@link PeerMesh}: dialling a peer, and ranges of a vector in either precision. */
final class MeshWires {
  private MeshWires() {}

  static StepWire dial(
      String address,
      Handshake.Hello me,
      byte[] key,
      boolean sealed,
      StepWire.Liveness killed,
      long joinMillis)
      throws IOException {
    int colon = address.lastIndexOf(':');
    Socket socket = new Socket();
    StepWire wire = null;
    try {
      socket.connect(
          new InetSocketAddress(
              address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
          (int) Math.min(Integer.MAX_VALUE, joinMillis));
      wire = new StepWire(socket, killed);
      Handshake.join(wire, key, me, sealed);
      return wire;
    } catch (IOException e) {
      if (wire != null) {
        wire.close();
      } else {
        socket.close();
      }
      throw new IOException("could not join the peer at " + address + ": " + e.getMessage(), e);
    }
  }

  static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }

  static void write(StepWire w, Vec values, int from, int length) throws IOException {
    if (values instanceof FloatVec f) {
      w.writeFloats(f.values(), from, length);
    } else {
      w.writeDoubles(((DoubleVec) values).values(), from, length);
    }
  }

  static void read(StepWire w, Vec into, int from, int length) throws IOException {
    if (into instanceof FloatVec f) {
      w.readFloats(f.values(), from, length);
    } else {
      w.readDoubles(((DoubleVec) into).values(), from, length);
    }
  }
}
