import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs on the host; `hwsim` needs a real kernel with
// mac80211_hwsim and only runs inside the VM started by test/hwsim/run-vm.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/hwsim/**', 'node_modules/**'],
          setupFiles: ['test/setup-reflect.ts'],
          // Hang guards, not speed targets: several tests start the daemon, the broker
          // and the CLI as processes, which a loaded 2-core CI machine runs slowly.
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'hwsim',
          include: ['test/hwsim/**/*.test.ts'],
          setupFiles: ['test/setup-reflect.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
