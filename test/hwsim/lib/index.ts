// Shared helpers of the hwsim tests (they run inside the VM: test/hwsim/run-vm).
export { assertInVm, loadedRadios, loadHwsim, unloadHwsim, type LoadOptions, type Radio } from './hwsim.js';
export { createNetns, movePhyToNetns, Netns } from './netns.js';
export { Peer, startHostapd, startWpaSupplicant, type HostapdOptions, type WpaSupplicantOptions } from './peers.js';
export { dumpWiphys, waitNl80211Event, watchNl80211Events, Nl80211EventWatch, WiphyInfo, type Nl80211Event } from './nl80211.js';
export { captureMonitor, type Capture } from './capture.js';
export { KernelTrace, parseTrace, type TraceRecord, type TraceLosses } from './ktrace.js';
export { associationSpan, mac80211Event, type AssociationSpan } from './mac80211-trace.js';
export { frameKind, parsePcap, type CapturedFrame } from './pcap.js';
export { parseIwDev, type WdevInfo } from './iw-dev.js';
export { pollUntil, run, sleep, tryRun, CommandError } from './exec.js';
export { sidIw, sidWpaSupplicant, type ForeignBinary } from './sid.js';
