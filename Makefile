# wifid: the two commands of the README are `make demo` and `make test`.
# Each target installs what it needs by itself (npm packages; apt packages for the VM).

NPM_STAMP := node_modules/.package-lock.json

.PHONY: all build native test test-unit test-hwsim typecheck check-generated bench demo ipk clean deps

all: build

deps: $(NPM_STAMP)

$(NPM_STAMP): package.json package-lock.json
	@command -v node >/dev/null || { echo "make: node (>= 20) is required: apt-get install nodejs npm, or NodeSource's node 20"; exit 1; }
	npm ci --no-audit --no-fund

# wifid's own addon for netlink socket options (kernel error texts, ACK cookies);
# the daemon finds it beside its bundle, tests from sources find it in dist/.
ADDON := dist/netlink_sockopt.node

native: $(ADDON)

$(ADDON): native/netlink_sockopt.c native/build $(NPM_STAMP)
	native/build $@

build: deps native
	node build.mjs

typecheck: deps
	npx tsc --noEmit

# The generated nl80211 tables must match the vendored header and the ACL files the
# method tables (both also checked by the unit tests).
check-generated:
	node core/nl80211/gen/generate.mjs --check
	openwrt/gen-acl --check

test-unit: deps native
	npx vitest run --project unit

# Radio tests in a qemu VM (TCG) with Debian's kernel and mac80211_hwsim; prepare
# installs the apt packages and extracts the kernel and sid's wpa_supplicant once.
# The timeout is the watchdog for a hung VM, with room for a busy 2-core machine.
test-hwsim: deps native
	test/hwsim/prepare --sid
	test/hwsim/run-vm --timeout 1800 -- node_modules/.bin/vitest run --project hwsim

test: typecheck test-unit test-hwsim

bench: deps native
	test/hwsim/prepare --sid
	bench/run

demo: deps native
	@if [ -x test/hwsim/demo ]; then test/hwsim/demo; \
	else echo "make demo: the demo is not built yet"; exit 1; fi

# wifid_<version>_all.ipk in dist/; with ARCH=<OpenWrt arch> NETLINK_ADDON=<dir of the
# SDK-built *.node> also node-netlink_<version>_<ARCH>.ipk, with NETLINK_SOCKOPT=<the
# SDK-built netlink_sockopt.node> also wifid-netlink-sockopt_<version>_<ARCH>.ipk
# (see openwrt/build-ipk).
ipk: deps
	openwrt/build-ipk --out dist $(if $(ARCH),--arch $(ARCH)) $(if $(NETLINK_ADDON),--addon $(NETLINK_ADDON)) $(if $(NETLINK_SOCKOPT),--sockopt $(NETLINK_SOCKOPT))

clean:
	rm -rf dist .cache/ubusd
