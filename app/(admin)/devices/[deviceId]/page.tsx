import Link from "next/link";
import { notFound } from "next/navigation";
import { ConsoleCodes } from "@/app/(admin)/devices/[deviceId]/_components/console-codes";
import { ConfigPreview } from "@/app/(admin)/devices/[deviceId]/_components/config-preview";
import { EditDeviceForm } from "@/app/(admin)/devices/[deviceId]/_components/edit-device-form";
import { RowActions } from "@/app/(admin)/devices/_components/row-actions";
import { StatusBadge } from "@/app/(admin)/devices/_components/status-badge";
import { EventTimeline } from "@/app/(admin)/_components/event-timeline";
import { NodeHealthCard } from "@/app/(admin)/_components/node-health-card";
import { formatTime } from "@/app/_components/format-time";
import { Notice } from "@/app/_components/notice";
import { requireAdmin } from "@/lib/auth/require-admin";
import { getClusterHealth } from "@/lib/services/cluster";
import { getDeviceConsoleCodes, getDeviceDetail } from "@/lib/services/devices";
import { listEvents } from "@/lib/services/events";
import { listGroupOptions } from "@/lib/services/groups";

export const dynamic = "force-dynamic";

type DevicePageProps = { params: Promise<{ deviceId: string }> };

export default async function DevicePage({ params }: DevicePageProps) {
  const { deviceId } = await params;
  await requireAdmin(`/devices/${deviceId}`);
  const [device, groups, events, health, consoleCodes] = await Promise.all([
    getDeviceDetail(deviceId.slice(0, 64)),
    listGroupOptions(),
    listEvents({ deviceId: deviceId.slice(0, 64), pageSize: 100 }),
    getClusterHealth(),
    getDeviceConsoleCodes({ deviceId: deviceId.slice(0, 64), take: 10 }),
  ]);
  if (!device) notFound();
  // The newest identity conflict (note-known-device.ts): the machine reported another uuid/serial
  // than the approved one, which was kept.
  const identityChange = device.status === "approved" ? events.items.find((event) => event.type === "device.identity_changed") : undefined;
  const facts: [string, string][] = [
    ["UUID", device.uuid ?? "—"],
    ["Serial", device.serial ?? "—"],
    ["Arch", device.arch ?? "—"],
    ["Group", device.groupName ?? "—"],
    ["First seen", formatTime(device.firstSeenAt)],
    ["Last seen", `${formatTime(device.lastSeenAt)}${device.lastSourceIp ? ` from ${device.lastSourceIp}` : ""}`],
    ["Approved", device.approvedAt ? `${formatTime(device.approvedAt)} by ${device.approvedBy ?? "?"}` : "—"],
    ["Config downloads", `${device.configDownloadCount}${device.configDownloadedAt ? `, last ${formatTime(device.configDownloadedAt)} from ${device.lastDownloadIp ?? "?"}` : ""}`],
    ["Provisioned", formatTime(device.provisionedAt)],
    // Whether its last boot request came from an address bound to its MAC (docs/security.md).
    ["Identity", device.identityStatus ? `${device.identityStatus}: ${device.identityReason ?? ""} (${formatTime(device.identityCheckedAt)})` : "not checked yet"],
  ];

  return (
    <div className="space-y-6" data-testid="device-detail">
      <div className="flex items-center justify-between gap-4">
        <div className="space-y-1">
          <Link href="/devices" className="text-sm text-sky-700 hover:underline">
            ← Devices
          </Link>
          <h1 className="flex items-center gap-2 text-xl font-semibold">
            <span className="font-mono">{device.mac}</span>
            {device.hostname ? <span className="text-slate-500">{device.hostname}</span> : null}
            <StatusBadge device={device} />
          </h1>
        </div>
        <RowActions device={device} />
      </div>
      {identityChange ? (
        <Notice tone="error" testId="device-identity-changed">
          {formatTime(identityChange.createdAt)}: a boot request for this MAC from {identityChange.sourceIp ?? "an unknown address"} reported{" "}
          {((identityChange.details.conflicts as { field: string; reported: string }[] | undefined) ?? []).map((conflict) => `${conflict.field} ${conflict.reported}`).join(", ")}{" "}
          instead of the approved values (kept). Another machine may be using this MAC.
        </Notice>
      ) : null}
      <dl className="grid max-w-3xl grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-sm">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className={`font-mono text-xs leading-5 ${label === "Identity" && device.identityStatus === "mismatch" ? "text-red-700" : ""}`} data-testid={label === "Identity" ? "device-identity" : undefined}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <section className="space-y-2">
        <h2 className="text-base font-semibold">Settings</h2>
        <EditDeviceForm device={device} groups={groups} />
      </section>
      <ConsoleCodes proof={consoleCodes.proof} codes={consoleCodes.codes} />
      <section className="space-y-2">
        <h2 className="text-base font-semibold">Node health</h2>
        <NodeHealthCard deviceId={device.id} initial={health} />
      </section>
      <section className="space-y-2">
        <h2 className="text-base font-semibold">Boot timeline</h2>
        <EventTimeline events={events.items} oldestFirst />
      </section>
      <ConfigPreview deviceId={device.id} />
    </div>
  );
}
