import * as cdk from "aws-cdk-lib";
import * as ecs from "aws-cdk-lib/aws-ecs";
import { Construct } from "constructs";

export class ApiService extends Construct {
  constructor(scope: Construct, id: string, taskDefinition: ecs.FargateTaskDefinition) {
    super(scope, id);
    taskDefinition.addContainer("api", {
      image: ecs.ContainerImage.fromAsset("../api"),
    });
  }
}
