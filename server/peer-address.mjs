// Loaded with `node --import` before Next starts (npm start, npm run dev, the e2e servers). Next's route handlers
// and proxy never see the socket, and Next keeps an X-Forwarded-For that the client wrote itself; so every incoming
// request gets the connection's own address in a header of ours, overwriting any value a client sent under that
// name. lib/api/client-ip.ts reads it (and trusts it only when this file has run).
import http from "node:http";
import https from "node:https";

const PEER_ADDRESS_HEADER = "x-sluice-peer-address";

for (const Server of [http.Server, https.Server]) {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function emitWithPeerAddress(event, request, ...rest) {
    if (event === "request" && request && request.headers) {
      request.headers[PEER_ADDRESS_HEADER] = (request.socket && request.socket.remoteAddress) || "";
    }
    return emit.call(this, event, request, ...rest);
  };
}

globalThis[Symbol.for("sluice.peer-address")] = true;
