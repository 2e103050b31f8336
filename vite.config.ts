import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	css: {
		// GOV.UK Frontend's service navigation carries an old-IE media hack ("min-width: 0\\0") that
		// Lightning CSS cannot parse: let it drop that one rule instead of failing the build.
		lightningcss: { errorRecovery: true },
		preprocessorOptions: {
			scss: { loadPaths: ['node_modules'], quietDeps: true }
		}
	},
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		// Timeouts catch a hung test, not a slow one: seeding a county takes seconds alone and many
		// times that on a busy two-core machine (speed is the bench's to measure, never a test's).
		testTimeout: 60_000,
		hookTimeout: 120_000,
		reporters: ['default', 'json'],
		outputFile: { json: 'reports/vitest.json' }
	}
});
