import { createServer, type AddressInfo, type Server, type Socket } from "node:net";

/** A mail server that accepts connections and never says a word (no greeting, no reply): a tarpit. */
export class Tarpit {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server = createServer((socket) => {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    // Reads nothing either: whatever the client writes fills the buffers.
    socket.pause();
  });

  get connections(): number {
    return this.sockets.size;
  }

  async start(port = 0): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(port, "127.0.0.1", resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}
