import path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { paths } from "@/lib/paths";

// machine.MachineService from our copy of Talos's proto (lib/talos-api/proto). Loaded once per
// process; both the client and the test stand-in use this one definition, so they speak the
// same wire format as a real node.
let cached: grpc.ServiceClientConstructor | undefined;

export const loadMachineService = (): grpc.ServiceClientConstructor => {
  if (cached) return cached;
  const dir = paths().talosProtoDir;
  const definition = protoLoader.loadSync(path.join(dir, "machine", "machine.proto"), {
    includeDirs: [dir],
    // Field names as in the proto (snake_case), 64-bit ids as strings, enums and defaults filled in.
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    machine: { MachineService: grpc.ServiceClientConstructor };
  };
  cached = pkg.machine.MachineService;

  return cached;
};
