// Network namespaces inside the VM, so that an AP and a station (or two P2P
// devices) live on separate stacks, as hostapd's hwsim tests do.
import { registerCleanup, unregisterCleanup } from './cleanup.js';
import { run, tryRun, type ExecResult } from './exec.js';

export class Netns {
  constructor(readonly name: string) {}

  /** Runs argv inside this namespace. */
  run(argv: readonly string[], timeoutMs?: number): Promise<ExecResult> {
    return run(argv, { netns: this.name, timeoutMs });
  }

  /** Deletes the namespace; radios in it go back to the initial namespace once its processes are gone. */
  async delete(): Promise<void> {
    unregisterCleanup(this);
    await run(['ip', 'netns', 'del', this.name]);
  }
}

let counter = 0;

/** Creates a namespace with its loopback up; deleted by unloadHwsim() if the test does not. */
export async function createNetns(name = `hwsim-ns${counter++}`): Promise<Netns> {
  await run(['ip', 'netns', 'add', name]);
  const ns = new Netns(name);
  registerCleanup(ns, `netns ${name}`, async () => {
    await tryRun(['ip', 'netns', 'del', name]);
  });
  await ns.run(['ip', 'link', 'set', 'lo', 'up']);
  return ns;
}

/** Moves a wiphy (and its interfaces) into a namespace: `iw phy PHY set netns name NS`. */
export async function movePhyToNetns(phy: string, ns: Netns): Promise<void> {
  await run(['iw', 'phy', phy, 'set', 'netns', 'name', ns.name]);
}
