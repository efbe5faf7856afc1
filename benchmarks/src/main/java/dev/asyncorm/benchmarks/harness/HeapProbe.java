package dev.asyncorm.benchmarks.harness;

import java.lang.management.ManagementFactory;

import dev.asyncorm.benchmarks.contender.Contender;
import dev.asyncorm.benchmarks.contender.RowSink;
import dev.asyncorm.benchmarks.model.Dataset;

/**
 * Measures the heap a stream keeps: the heap used after a full collection halfway through the
 * stream, over the heap used after one before it. Run apart from the measured operations, whose
 * throughput the collections would spoil.
 */
final class HeapProbe {

	private HeapProbe() {
	}

	static long keptWhileStreaming(Contender contender) {
		long before = usedAfterCollection();
		long[] halfway = new long[1];
		RowSink sink = new RowSink(Dataset.ITEMS / 2, () -> halfway[0] = usedAfterCollection());
		contender.stream(sink).join();
		return halfway[0] - before;
	}

	private static long usedAfterCollection() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
