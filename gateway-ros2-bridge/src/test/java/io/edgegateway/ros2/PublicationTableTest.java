package io.edgegateway.ros2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.edgegateway.core.port.DiscoveredTopic;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublicationTableTest {
  private static final String IMU = "sensor_msgs::msg::dds_::Imu_";

  private final PublicationTable table = new PublicationTable();

  @Test
  void topicAppearsWithItsFirstWriterAndVanishesWithItsLast() {
    assertThat(table.writerAppeared("w1", "rt/imu", IMU))
        .contains(
            new PublicationTable.Appeared(
                new DiscoveredTopic("/imu", "sensor_msgs/msg/Imu", 1, true)));
    assertThat(table.writerAppeared("w2", "rt/imu", IMU)).isEmpty();
    assertThat(table.snapshot())
        .containsExactly(new DiscoveredTopic("/imu", "sensor_msgs/msg/Imu", 2, true));

    assertThat(table.writerGone("w1")).isEmpty();
    assertThat(table.writerGone("w2"))
        .contains(
            new PublicationTable.Vanished(
                new DiscoveredTopic("/imu", "sensor_msgs/msg/Imu", 1, true)));
    assertThat(table.snapshot()).isEmpty();
  }

  @Test
  void repeatedReportsOfOneWriterCountOnce() {
    table.writerAppeared("w1", "rt/imu", IMU);
    assertThat(table.writerAppeared("w1", "rt/imu", IMU)).isEmpty();
    assertThat(table.writerGone("w1")).isPresent();
    assertThat(table.writerGone("w1")).isEmpty();
  }

  @Test
  void nonRosTopicsAreListedWithTheirDdsNames() {
    table.writerAppeared(
        "w1", "ros_discovery_info", "rmw_dds_common::msg::dds_::ParticipantEntitiesInfo_");
    table.writerAppeared(
        "w2", "rq/add_two_intsRequest", "example_interfaces::srv::dds_::AddTwoInts_Request_");
    assertThat(table.snapshot())
        .extracting(DiscoveredTopic::name, DiscoveredTopic::ros)
        .containsExactly(
            tuple("ros_discovery_info", false), tuple("rq/add_two_intsRequest", false));
  }

  @Test
  void clearReportsEveryTopicAsVanished() {
    table.writerAppeared("w1", "rt/a", IMU);
    table.writerAppeared("w2", "rt/b", IMU);
    table.writerAppeared("w3", "rt/b", IMU);
    List<PublicationTable.Change> changes = table.clear();
    assertThat(changes)
        .extracting(c -> ((PublicationTable.Vanished) c).topic().name())
        .containsExactlyInAnyOrder("/a", "/b");
    assertThat(table.snapshot()).isEmpty();
    assertThat(table.writerGone("w2")).isEmpty();
  }

  @Test
  void aTopicKeepsItsFirstWritersType() {
    table.writerAppeared("w1", "rt/x", IMU);
    table.writerAppeared("w2", "rt/x", "std_msgs::msg::dds_::String_");
    assertThat(table.snapshot())
        .containsExactly(new DiscoveredTopic("/x", "sensor_msgs/msg/Imu", 2, true));
  }

  @Test
  void aTopicKeepsTheTypeHashItsFirstWriterAnnounced() {
    assertThat(table.writerAppeared("w1", "rt/imu", IMU, Optional.of("RIHS01_aa")))
        .get()
        .extracting(c -> ((PublicationTable.Appeared) c).topic().typeHash())
        .isEqualTo(Optional.of("RIHS01_aa"));
    table.writerAppeared("w2", "rt/imu", IMU, Optional.of("RIHS01_bb"));
    table.writerAppeared("w3", "rt/plain", IMU);
    assertThat(table.snapshot())
        .extracting(DiscoveredTopic::typeHash)
        .containsExactly(Optional.of("RIHS01_aa"), Optional.empty());
  }
}
