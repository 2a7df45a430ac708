import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { freePort, stopChild, waitForHttp, type Started } from "./processes";

// Debian's nginx (nginx-light) with sendfile, serving one directory on loopback, when installed.
export const nginxBinary = "/usr/sbin/nginx";

export const startNginx = async (root: string, servedDir: string): Promise<Started | null> => {
  if (!existsSync(nginxBinary)) return null;
  const port = await freePort();
  const prefix = path.join(root, "nginx");
  mkdirSync(path.join(prefix, "logs"), { recursive: true });
  const conf = path.join(prefix, "nginx.conf");
  writeFileSync(
    conf,
    // user root: the bench tree under /tmp is private to root (mkdtemp), like ktizo's own data dir.
    `daemon off;
user root;
worker_processes 2;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  server { listen 127.0.0.1:${port}; root ${servedDir}; location / { } }
}
`,
  );
  const child = spawn(nginxBinary, ["-p", prefix, "-c", conf], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/`);

  return {
    child,
    port,
    url,
    stop: () => stopChild(child, "SIGQUIT"),
  };
};
