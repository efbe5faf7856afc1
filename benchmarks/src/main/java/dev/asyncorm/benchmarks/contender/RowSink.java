package dev.asyncorm.benchmarks.contender;

import java.util.function.Consumer;

import dev.asyncorm.benchmarks.model.Item;

/**
 * Consumes streamed items: counts them and sums a field, so that the JIT cannot drop the reading.
 * Optionally runs a probe once, at a given row, to look at the heap in the middle of a stream.
 * Fed by one thread at a time, as a stream or a subscriber is.
 */
public final class RowSink implements Consumer<Item> {

	private final long probeRow;

	private final Runnable probe;

	private long rows;

	private long checksum;

	/**
	 * A sink without a probe.
	 */
	public RowSink() {
		this(-1, () -> {
		});
	}

	/**
	 * A sink that runs the probe when it receives the given row.
	 * @param probeRow the row, from 1
	 * @param probe what to run
	 */
	public RowSink(long probeRow, Runnable probe) {
		this.probeRow = probeRow;
		this.probe = probe;
	}

	@Override
	public void accept(Item item) {
		this.rows++;
		this.checksum += item.getQuantity();
		if (this.rows == this.probeRow) {
			this.probe.run();
		}
	}

	/**
	 * The items received.
	 * @return the count
	 */
	public long rows() {
		return this.rows;
	}

	/**
	 * The sum of the items' quantities.
	 * @return the sum
	 */
	public long checksum() {
		return this.checksum;
	}

}
