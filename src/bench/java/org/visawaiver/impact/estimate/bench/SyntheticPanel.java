package org.visawaiver.impact.estimate.bench;

import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.visawaiver.impact.domain.PanelColumns;
import org.visawaiver.impact.domain.ReferenceStay;
import org.visawaiver.impact.domain.WaiverTerms;

/**
 * Seeded panels shaped like ours (origin x destination x month, ISO alpha-3 codes, the contract's
 * panel columns) with known effects, for the benchmark and the recovery tests. Every value is a
 * function of the seed and the row's (origin, destination, month) only, so the panel is the same
 * whatever the partitioning.
 *
 * <p>Model: arrivals ~ Poisson(exp(4 + pair + destination-month + origin-month + Σ β x)) with the
 * coefficients in {@link #TRUTH} (the contract's v2 default model); 1% of cells not reported
 * (empty). Before its waiver a pair is visa_required, or switches from visa_required to e-visa or
 * visa on arrival in a pair-specific month; national advisories (level 1, some half-years 2-3) and
 * regional ones (some four-month stretches at 3-4) are drawn apart, {@code advisory_level} is
 * their maximum.
 */
public final class SyntheticPanel {
  /** True coefficients, by term. */
  public static final List<String> TERMS = List.of(WaiverTerms.of("VNM"), WaiverTerms.of("THA"),
      WaiverTerms.of("LAO"), WaiverTerms.of(WaiverTerms.OTHER), PanelColumns.STAY_LOG, PanelColumns.EVISA_SHARE,
      PanelColumns.VOA_SHARE, PanelColumns.ADVISORY_NATIONAL_LEVEL, PanelColumns.ADVISORY_REGIONAL_LEVEL);
  public static final double[] TRUTH = {0.25, 0.15, 0.35, 0.10, 0.20, 0.08, 0.12, -0.10, -0.06};

  /** Destinations first (the compared ones lead), then origins; real ISO 3166-1 alpha-3 codes. */
  static final String[] CODES = (
      "VNM THA LAO KHM MYS IDN PHL SGP MMR BRN JPN KOR CHN TWN HKG MAC MNG IND LKA NPL BGD PAK MDV "
          + "BTN AUS NZL FJI PNG USA CAN MEX BRA ARG CHL PER COL ECU URY PRY BOL VEN CRI PAN GTM HND "
          + "SLV NIC DOM CUB JAM TTO BHS BRB GBR IRL FRA DEU ITA ESP PRT NLD BEL LUX CHE AUT DNK SWE "
          + "NOR FIN ISL POL CZE SVK HUN SVN HRV SRB BIH MNE MKD ALB GRC CYP MLT BGR ROU MDA UKR BLR "
          + "LTU LVA EST RUS GEO ARM AZE TUR ISR JOR LBN SAU ARE QAT KWT BHR OMN IRN IRQ EGY MAR DZA "
          + "TUN LBY SDN ETH KEN TZA UGA RWA ZAF NAM BWA ZWE ZMB MOZ MDG MUS SYC NGA GHA CIV SEN CMR "
          + "GAB AGO COD COG BEN TGO MLI NER BFA GIN SLE LBR GMB CPV MRT TCD CAF ERI DJI SOM SSD BDI "
          + "MWI LSO SWZ COM KAZ UZB TKM KGZ TJK AFG SYR YEM PSE TLS WSM TON VUT SLB KIR FSM MHL PLW "
          + "NRU TUV GUY SUR BLZ HTI GRD LCA VCT ATG DMA KNA AND MCO SMR LIE GNQ STP GNB ")
      .trim().split(" ");
  public static final int MONTHS_DEFAULT = 240;

  /** Panel dimensions for about {@code rows} rows. */
  public record Shape(int origins, int destinations, int months) implements java.io.Serializable {
    public long rows() {
      return (long) origins * destinations * months;
    }

    public static Shape forRows(long rows) {
      int months = (int) Math.min(MONTHS_DEFAULT, Math.max(24, rows / 100));
      long pairs = Math.max(4, Math.round(rows / (double) months));
      int dest = (int) Math.max(4, Math.min(CODES.length, Math.round(Math.sqrt(pairs / 2.0))));
      int orig = (int) Math.max(2, Math.min(CODES.length, Math.round(pairs / (double) dest)));
      // More months when the code list runs out (1e7 rows: 205 origins x 144 destinations).
      months = (int) Math.max(months, Math.round(rows / ((double) orig * dest)));
      return new Shape(orig, dest, months);
    }
  }

  public static final StructType SCHEMA = new StructType()
      .add("destination", DataTypes.StringType).add("origin", DataTypes.StringType)
      .add("month", DataTypes.StringType).add("arrivals", DataTypes.LongType)
      .add("source", DataTypes.StringType).add("waiver_share", DataTypes.DoubleType)
      .add("stay_log", DataTypes.DoubleType).add("visa_fee_usd", DataTypes.DoubleType)
      .add("advisory_level", DataTypes.DoubleType).add("evisa_share", DataTypes.DoubleType)
      .add("voa_share", DataTypes.DoubleType).add("advisory_national_level", DataTypes.DoubleType)
      .add("advisory_regional_level", DataTypes.DoubleType);

  private SyntheticPanel() {}

  public static Dataset<Row> generate(SparkSession spark, Shape shape, long seed, int partitions) {
    long n = shape.rows();
    return spark.range(0, n, 1, partitions)
        .mapPartitions(
            (org.apache.spark.api.java.function.MapPartitionsFunction<Long, Row>)
                it -> rows(it, shape, seed),
            org.apache.spark.sql.Encoders.row(SCHEMA));
  }

  /** One row per id, made as the consumer asks (a partition of 1e7 rows never sits in memory). */
  private static Iterator<Row> rows(Iterator<Long> ids, Shape s, long seed) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return ids.hasNext();
      }

      @Override
      public Row next() {
        return row(ids.next(), s, seed);
      }
    };
  }

  static Row row(long id, Shape s, long seed) {
    int t = (int) (id % s.months());
    int d = (int) ((id / s.months()) % s.destinations());
    int o = (int) (id / ((long) s.months() * s.destinations()));
    String dest = CODES[d];
    String orig = CODES[(s.destinations() + o) % CODES.length];
    String month = String.format("%04d-%02d", 2005 + t / 12, t % 12 + 1);
    long pair = (long) o * 1_000_003L + d;
    // Waivers: a third of pairs get one from a pair-specific month on (half-month share then).
    SplittableRandom pr = new SplittableRandom(mix(seed, 1, pair));
    boolean waiverPair = pr.nextDouble() < 0.35;
    int start = 12 + pr.nextInt(Math.max(1, s.months() - 24));
    double share = !waiverPair || t < start ? 0.0 : t == start ? 0.5 : 1.0;
    int[] stays = {15, 30, 45, 90};
    double stayLog = share * ReferenceStay.logRatio(stays[pr.nextInt(stays.length)]);
    double fee = (1 - share) * (20 + pr.nextInt(4) * 10);
    double pairFe = pr.nextGaussian() * 0.8;
    // The regime before the waiver: visa_required, or e-visa / visa on arrival from a switch month.
    double kind = pr.nextDouble();
    int switchMonth = pr.nextInt(s.months());
    double switched = t < switchMonth ? 0.0 : t == switchMonth ? 0.5 : 1.0;
    double evisa = kind >= 0.4 && kind < 0.7 ? (1 - share) * switched : 0.0;
    double voa = kind >= 0.7 ? (1 - share) * switched : 0.0;
    SplittableRandom ar = new SplittableRandom(mix(seed, 2, pair * 131 + t / 6));
    double national = ar.nextDouble() < 0.15 ? 2 + ar.nextInt(3) * 0.5 : 1.0;
    SplittableRandom rr = new SplittableRandom(mix(seed, 6, pair * 131 + t / 4));
    double regional = rr.nextDouble() < 0.12 ? 3 + rr.nextInt(3) * 0.5 : 0.0;
    double dm = new SplittableRandom(mix(seed, 3, (long) d * 100_000 + t)).nextGaussian() * 0.3;
    double om = new SplittableRandom(mix(seed, 4, (long) o * 100_000 + t)).nextGaussian() * 0.3;
    int w = d < 3 ? d : 3;
    double xb = TRUTH[w] * share + TRUTH[4] * stayLog + TRUTH[5] * evisa + TRUTH[6] * voa
        + TRUTH[7] * national + TRUTH[8] * regional;
    double mu = Math.exp(4 + pairFe + dm + om + xb);
    SplittableRandom yr = new SplittableRandom(mix(seed, 5, id));
    Long arrivals = yr.nextDouble() < 0.01 ? null : poisson(mu, yr);
    return RowFactory.create(dest, orig, month, arrivals, "synthetic", share, stayLog, fee,
        Math.max(national, regional), evisa, voa, national, regional);
  }

  private static long mix(long seed, long stream, long key) {
    long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + key * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Exact inversion for small means, normal approximation (rounded, >= 0) above 60. */
  static long poisson(double mu, SplittableRandom r) {
    if (mu > 60) {
      return Math.max(0, Math.round(mu + Math.sqrt(mu) * gaussian(r)));
    }
    double p = Math.exp(-mu);
    double cdf = p;
    double u = r.nextDouble();
    long k = 0;
    while (u > cdf && k < 1000) {
      k++;
      p *= mu / k;
      cdf += p;
    }
    return k;
  }

  private static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
