package com.webase.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Loopback ports for servers started by the kit. */
public final class Ports {

  /** Every port {@link #free} handed out in this JVM: never handed out twice. */
  private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

  private Ports() {}

  /**
   * A port that was free a moment ago on 127.0.0.1, and that this method has not handed out before
   * in this JVM (the kernel may offer a closed port again, and two servers told the same port would
   * collide).
   */
  public static int free() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
        if (handedOut.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new IllegalStateException("no free port: " + e.getMessage(), e);
      }
    }
    throw new IllegalStateException("no free port not handed out before in 100 attempts");
  }

  /**
   * A port on 127.0.0.1 where every connection is refused, for as long as it is held: bound but not
   * listening, so no server — not even one asking the kernel for any free port — can take it. The
   * address of a service that is down. (A port that was merely free once can be given to the next
   * server that asks for port 0, and a request meant to fail then waits for an answer.)
   */
  public static Refusing refusing() {
    try {
      Socket socket = new Socket();
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return new Refusing(socket);
    } catch (IOException e) {
      throw new IllegalStateException("no free port: " + e.getMessage(), e);
    }
  }

  /** A held port that refuses connections; {@link #close} gives it back. */
  public static final class Refusing implements AutoCloseable {

    private final Socket socket;

    private Refusing(Socket socket) {
      this.socket = socket;
    }

    public int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // the port is given back either way
      }
    }
  }

  /** Whether something accepts connections on 127.0.0.1:port. */
  public static boolean isListening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Fails with a clear message when a fixed port is taken by something else. */
  public static void requireFree(int port, String forWhat) {
    if (isListening(port)) {
      throw new IllegalStateException(
          "port "
              + port
              + " (for "
              + forWhat
              + ") is already in use; stop what uses it or choose another port");
    }
  }
}
