/**
 * Generated workloads for the benchmark: groups of N apps (every third stateful with a
 * local persistent volume and the two-volume hostPath pattern, every fifth with a DVDI
 * external volume, the rest plain Docker services) plus a pod per twenty apps, and
 * workspaces of many small definition files.
 */
import fs from 'node:fs';
import path from 'node:path';

export function group(apps: number): string {
  const out: unknown[] = [];
  for (let i = 0; i < apps; i++) {
    const stateful = i % 3 === 0;
    const external = i % 5 === 0;
    const volumes: unknown[] = [];
    if (stateful) {
      const mount = i % 2 === 0;
      volumes.push({
        containerPath: `data${i}`,
        mode: 'RW',
        persistent: mount
          ? {
              type: 'mount',
              size: 1024 + (i % 5) * 512,
              maxSize: 16384,
              constraints: [['path', 'LIKE', '/mnt/ssd-.+']],
            }
          : { type: 'root', size: 512 + (i % 7) * 128 },
      });
      volumes.push({ containerPath: `/var/lib/app${i}`, hostPath: `data${i}`, mode: 'RW' });
    }
    if (external)
      volumes.push({
        containerPath: `/mnt/ext${i}`,
        mode: 'RW',
        external: { name: `ext-volume-${i}`, provider: 'dvdi', options: { 'dvdi/driver': 'rexray' } },
      });
    out.push({
      id: `/bench/team${i % 13}/app-${i}`,
      cpus: 0.5,
      mem: 256 + (i % 4) * 128,
      instances: stateful || external ? 1 : 2,
      container: {
        type: 'DOCKER',
        docker: { image: `registry.example.com/team${i % 13}/app-${i}:1.${i % 9}` },
        volumes,
        portMappings: [{ containerPort: 8080, hostPort: 0, protocol: 'tcp', name: 'http' }],
      },
      networks: [{ mode: 'container/bridge' }],
      env: { APP_NAME: `app-${i}`, LOG_LEVEL: 'info' },
      labels: { team: `team${i % 13}` },
      healthChecks: [{ protocol: 'MESOS_HTTP', path: '/health', portIndex: 0, gracePeriodSeconds: 120 }],
      ...(stateful || external
        ? {
            unreachableStrategy: 'disabled',
            upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 },
          }
        : { upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 1 } }),
    });
  }
  const pods = Array.from({ length: Math.floor(apps / 20) }, (_, i) => ({
    id: `/bench/pods/pod-${i}`,
    volumes: [{ name: 'shared', persistent: { type: 'root', size: 1024 } }],
    scaling: { kind: 'fixed', instances: 1 },
    scheduling: {
      unreachableStrategy: 'disabled',
      upgrade: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 },
    },
    containers: ['a', 'b'].map((name) => ({
      name,
      exec: { command: { shell: 'sleep 1000' } },
      resources: { cpus: 0.1, mem: 64 },
      volumeMounts: [{ name: 'shared', mountPath: `/data/${name}` }],
    })),
  }));
  return JSON.stringify({ id: '/bench', apps: out, pods }, null, 2);
}

/** The benchmark's edit: one volume mode in the middle of the document flips to a value Marathon rejects. */
export function editInMiddle(text: string): { offset: number; length: number; text: string } {
  const at = text.indexOf('"mode": "RW"', Math.floor(text.length / 2));
  const offset = (at < 0 ? text.indexOf('"mode": "RW"') : at) + '"mode": "'.length;
  return { offset, length: 2, text: 'RO' };
}

/** A folder of `count` small definitions (apps, a third of them with external volumes). */
export function workspace(dir: string, count: number): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const sub = path.join(dir, `team${i % 50}`);
    if (i < 50) fs.mkdirSync(sub, { recursive: true });
    const app = {
      id: `/ws/team${i % 50}/svc-${i}`,
      cmd: 'sleep 1000',
      container: {
        type: 'MESOS',
        volumes:
          i % 3 === 0
            ? [
                {
                  containerPath: 'data',
                  mode: 'RW',
                  external: { name: `ws-vol-${i}`, provider: 'dvdi', options: { 'dvdi/driver': 'rexray' } },
                },
              ]
            : [],
      },
    };
    fs.writeFileSync(path.join(sub, `svc-${i}.json`), JSON.stringify(app, null, 2));
  }
}
