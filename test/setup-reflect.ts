// tsyringe needs a Reflect metadata polyfill loaded before any decorated class.
import '@abraham/reflection';
